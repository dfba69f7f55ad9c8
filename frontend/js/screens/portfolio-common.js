// Shared by the portfolio screens: loading "Mein Weg" with an offline copy, step titles.

import { getDraft, outboxItems, saveDraft } from '../drafts.js';
import { isOffline } from '../api.js';
import { hasKey } from '../i18n.js';

export const SNAPSHOT = 'portfolio:snapshot';
export const stepDraftKey = (id) => `portfolio:step:${id}`;
export const stepPath = (id) => `/me/portfolio/steps/${id}`;

/** {portfolio, offline}: the server's answer, or offline the last copy kept on this device. */
export async function loadPortfolio(ctx) {
  try {
    const portfolio = await ctx.api.get('/me/portfolio');
    await saveDraft(SNAPSHOT, portfolio);
    return { portfolio, offline: false };
  } catch (error) {
    if (!isOffline(error)) throw error;
    return { portfolio: (await getDraft(SNAPSHOT)) || null, offline: true };
  }
}

/** Put a locally saved step into the offline copy, so lists show it before it is sent. */
export async function updateSnapshot(step) {
  const snapshot = await getDraft(SNAPSHOT);
  if (!snapshot) return;
  for (const list of [snapshot.steps, snapshot.earlier_steps]) {
    const index = list.findIndex((candidate) => candidate.id === step.id);
    if (index >= 0) list[index] = { ...list[index], ...step };
  }
  await saveDraft(SNAPSHOT, snapshot);
}

/** Ids of steps whose change still waits in the outbox. */
export async function pendingStepIds() {
  const ids = new Set();
  for (const item of await outboxItems()) {
    const found = /^\/me\/portfolio\/steps\/(\d+)$/.exec(item.path);
    if (found) ids.add(Number(found[1]));
  }
  return ids;
}

/** The plain-language title of a step (pupils); the kind's title where there is none. */
export function stepTitle(ctx, step) {
  const plain = `portfolio.plain.${step.sbo_kuerzel.replace('SBO ', 'SBO_').replaceAll('.', '_')}`;
  if (hasKey(plain)) return ctx.t(plain, { n: step.sequence });
  return ctx.t(`portfolio.kinds.${step.kind}`, { n: step.sequence });
}
