import type { MockContext } from '../context.js';
import type { AdsProfile, Campaign, SpKeyword, SpTarget } from '../world/types.js';

/** A seeded keyword or product target as it is now: its seeded values with the changes clients made. */
export interface CurrentEntity<T extends SpKeyword | SpTarget> {
  seeded: T;
  id: string;
  campaign: Campaign;
  bid: number;
  state: T['state'];
  /** Last change (mock clock); the world's creation time until a client changes it. */
  updatedAt: number | null;
}

/** The edit key of an entity in `ctx.state.targetingEdits`. */
export const editKey = (kind: 'keyword' | 'target', id: string) => `${kind}:${id}`;

function current<T extends SpKeyword | SpTarget>(
  ctx: MockContext,
  kind: 'keyword' | 'target',
  campaign: Campaign,
  seeded: T,
  id: string,
): CurrentEntity<T> {
  const edit = ctx.state.targetingEdits.get(editKey(kind, id));
  return {
    seeded,
    id,
    campaign,
    bid: edit?.bid ?? seeded.bid,
    state: (edit?.state ?? seeded.state) as T['state'],
    updatedAt: edit?.updatedAt ?? null,
  };
}

/** A profile's keywords now, in campaign order. */
export function currentKeywords(ctx: MockContext, profile: AdsProfile): CurrentEntity<SpKeyword>[] {
  return profile.campaigns.flatMap((campaign) =>
    campaign.keywords.map((k) => current(ctx, 'keyword', campaign, k, k.keywordId)),
  );
}

/** A profile's product targets now, in campaign order. */
export function currentTargets(ctx: MockContext, profile: AdsProfile): CurrentEntity<SpTarget>[] {
  return profile.campaigns.flatMap((campaign) =>
    campaign.targets.map((t) => current(ctx, 'target', campaign, t, t.targetId)),
  );
}
