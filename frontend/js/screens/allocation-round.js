// #/allocation/:id — pupils rank their choices, coordinators review, run and publish.

import { prepare } from './allocation-common.js';

export async function render(root, ctx) {
  await prepare();
  const module = ctx.me.role === 'pupil'
    ? await import('./allocation-rank.js') : await import('./allocation-review.js');
  await module.render(root, ctx);
}
