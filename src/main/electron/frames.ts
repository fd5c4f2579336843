// Who may call over IPC: only the main frame of one of our windows, showing the app's own page.
import { isAppUrl, type RendererLocation } from './location';
import type { ContentsLike, FrameLike, InvokeEventLike } from './types';

export interface FrameGuardDeps {
  location: RendererLocation;
  /** True for the page of a window this app created. */
  isAppContents(contents: ContentsLike): boolean;
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/** Why a call is refused, or null when it comes from the app itself. */
export function refusalOf(event: InvokeEventLike, deps: FrameGuardDeps): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'The calling frame is gone';
  if (!deps.isAppContents(event.sender)) return 'Calls are accepted only from a NOCman window';
  if (frame.parent !== null || !sameFrame(frame, event.sender.mainFrame)) return 'Calls are accepted only from the main frame';
  if (!isAppUrl(deps.location, frame.url)) return 'Calls are accepted only from the NOCman app page';
  return null;
}
