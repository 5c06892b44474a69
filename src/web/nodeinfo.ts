import { emailEnabled } from '../core/email/transport.js';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';
import type { MetaRow } from '../db/schema/index.js';
import { countLocalUsers, MIKAN_VERSION, MISSKEY_API_VERSION, SERVER_VERSION } from '../core/meta/pack.js';

/** NodeInfo 2.1 and 2.0 (https://nodeinfo.diaspora.software), shaped as Misskey serves them. */

const SCHEMA_BASE = 'http://nodeinfo.diaspora.software/ns/schema/';
const VERSIONS = ['2.1', '2.0'] as const;
type NodeinfoVersion = typeof VERSIONS[number];

/** Misskey keeps the document for ten minutes; user counts may lag that long. */
const CACHE_MS = 10 * 60 * 1000;
const CACHE_CONTROL = 'public, max-age=600';

interface NodeinfoBody {
  software: { name: string; version: string; homepage?: string; repository?: string };
  protocols: string[];
  services: { inbound: string[]; outbound: string[] };
  openRegistrations: boolean;
  usage: {
    users: { total: number; activeHalfyear: number; activeMonth: number };
    localPosts: number;
    localComments: number;
  };
  metadata: Record<string, unknown>;
}

async function buildBody(ctx: AppContext, row: MetaRow): Promise<NodeinfoBody> {
  const policies = ctx.meta.policies;
  const total = await countLocalUsers(ctx);
  const maintainer = { name: row.maintainerName, email: row.maintainerEmail };
  // Clients (Misskey's own, Misskey-family apps, fediverse aggregators) choose the API to speak by
  // `software.name`; by default Mikan answers as the Misskey release whose API it implements and
  // names itself in `metadata.software` (docs/decisions.md, "NodeInfo software").
  const asMisskey = ctx.config.nodeinfoSoftware === 'misskey';
  return {
    software: {
      name: asMisskey ? 'misskey' : 'mikan',
      version: asMisskey ? MISSKEY_API_VERSION : SERVER_VERSION,
      // NodeInfo's schema does not allow null here, so the keys are left out when unset.
      ...(row.repositoryUrl ? { homepage: row.repositoryUrl, repository: row.repositoryUrl } : {}),
    },
    // ActivityPub through Fedify (docs/federation.md).
    protocols: ['activitypub'],
    // Misskey lists atom/rss outbound for its user feeds; Mikan has no feeds yet.
    services: { inbound: [], outbound: [] },
    openRegistrations: !row.disableRegistration,
    usage: {
      // Users carry no last-active time yet, so every account counts as active.
      users: { total, activeHalfyear: total, activeMonth: total },
      // Notes do not exist yet.
      localPosts: 0,
      localComments: 0,
    },
    metadata: {
      software: { name: 'mikan', version: MIKAN_VERSION, misskeyApiVersion: MISSKEY_API_VERSION },
      nodeName: row.name,
      nodeDescription: row.description,
      nodeAdmins: [maintainer],
      // Deprecated by Misskey in favour of nodeAdmins, still sent.
      maintainer,
      langs: row.langs,
      tosUrl: row.tosUrl,
      privacyPolicyUrl: row.privacyPolicyUrl,
      inquiryUrl: row.inquiryUrl,
      impressumUrl: row.impressumUrl,
      repositoryUrl: row.repositoryUrl,
      feedbackUrl: row.feedbackUrl,
      disableRegistration: row.disableRegistration,
      disableLocalTimeline: !policies.ltlAvailable,
      disableGlobalTimeline: !policies.gtlAvailable,
      emailRequiredForSignup: row.emailRequiredForSignup,
      enableHcaptcha: false,
      enableRecaptcha: false,
      enableMcaptcha: false,
      enableTurnstile: false,
      maxNoteTextLength: row.maxNoteTextLength,
      enableEmail: emailEnabled(row),
      enableServiceWorker: ctx.meta.get().swPublicKey != null,
      proxyAccountName: null,
      themeColor: row.themeColor,
    },
  };
}

/** A Buffer, so Fastify sends the content type exactly as set (a string would get `; charset=utf-8` appended). */
function forVersion(body: NodeinfoBody, version: NodeinfoVersion): Buffer {
  // 2.0's software object has only name and version.
  const software = version === '2.0' ? { name: body.software.name, version: body.software.version } : body.software;
  return Buffer.from(JSON.stringify({ version, ...body, software }));
}

export async function nodeinfoPlugin(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;

  // Rebuilt after ten minutes, or at once when the settings row changes (MetaService replaces it on reload).
  let cached: { row: MetaRow; builtAt: number; body: Promise<Record<NodeinfoVersion, Buffer>> } | null = null;
  const documents = (): Promise<Record<NodeinfoVersion, Buffer>> => {
    const row = ctx.meta.get();
    if (!cached || cached.row !== row || Date.now() - cached.builtAt > CACHE_MS) {
      const body = buildBody(ctx, row).then((built) => ({ '2.1': forVersion(built, '2.1'), '2.0': forVersion(built, '2.0') }));
      const entry = { row, builtAt: Date.now(), body };
      cached = entry;
      body.catch(() => { if (cached === entry) cached = null; });
    }
    return cached.body;
  };

  // Fediverse crawlers and web clients on other origins read these.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('Access-Control-Allow-Origin', '*');
    reply.header('Access-Control-Allow-Headers', 'Accept');
    reply.header('Access-Control-Allow-Methods', 'GET, OPTIONS');
    reply.header('Access-Control-Expose-Headers', 'Vary');
  });

  app.get('/.well-known/nodeinfo', async (_request, reply) => {
    const links = VERSIONS.map((version) => ({ rel: SCHEMA_BASE + version, href: `${ctx.config.url}/nodeinfo/${version}` }));
    reply.header('Cache-Control', CACHE_CONTROL).type('application/json; charset=utf-8');
    return JSON.stringify({ links });
  });

  for (const version of VERSIONS) {
    app.get(`/nodeinfo/${version}`, async (_request, reply) => {
      const body = (await documents())[version];
      reply.header('Cache-Control', CACHE_CONTROL).type(`application/json; profile="${SCHEMA_BASE}${version}#"`);
      return body;
    });
  }
}
