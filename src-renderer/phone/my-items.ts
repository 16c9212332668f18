import type { AppState } from '../store/app-state';

/** Ids of the items I hold and the items offered to me (a call for one of them is not "loose"). */
export function myItemIds(s: AppState): string[] {
  return [...(s.view?.items ?? []).map((i) => i.id), ...(s.view?.offers ?? []).map((o) => o.item.id)];
}
