CREATE TABLE "chart_counters" (
	"chart" varchar(32) NOT NULL,
	"group" varchar(256) NOT NULL,
	"span" varchar(8) NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"field" varchar(64) NOT NULL,
	"value" bigint NOT NULL,
	CONSTRAINT "chart_counters_pkey" PRIMARY KEY("chart","group","span","date","field")
);
--> statement-breakpoint
CREATE TABLE "chart_unique_marks" (
	"chart" varchar(32) NOT NULL,
	"group" varchar(256) NOT NULL,
	"span" varchar(8) NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"field" varchar(64) NOT NULL,
	"member" varchar(256) NOT NULL,
	CONSTRAINT "chart_unique_marks_pkey" PRIMARY KEY("chart","group","span","date","field","member")
);
