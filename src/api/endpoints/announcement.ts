import show from './announcements/show.js';

/** The fork's older name of announcements/show: the same endpoint under a second name. */
export default { ...show, meta: { ...show.meta, summary: 'The fork\'s older name of announcements/show.' } };
