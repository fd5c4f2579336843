// How this desktop app takes part in the site: the first-start choice (host or join), the join page, and join
// mode — a window on the host's own web UI whose certificate is accepted only by its pinned fingerprint.
import type { Language } from '../../shared/contract';
import { translator, type Translator } from '../../shared/i18n/messages';
import { joinOrigin, writeSiteConfig, type JoinConfig } from '../core/site/config';
import { checkPin, normaliseFingerprint, probeHost } from '../core/site/pin';
import { denyPermissions, guardContents } from './security';
import { appWindowOptions } from './windows';
import type { CertificateVerifyProc, DialogLike, JoinSessionLike, ShellLike, WindowConstructor, WindowLike, WindowOptions } from './types';

/** The desktop's language before anyone signs in: English for an English system, else Indonesian (the site's). */
export function desktopLanguage(locale: string): Language {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'id';
}

function tr(language: Language): Translator {
  return translator(language, 'Asia/Jakarta');
}

/** First start without a site file: host this site, join one, or quit. */
export async function chooseSiteMode(dialog: DialogLike, language: Language): Promise<'host' | 'join' | 'quit'> {
  const t = tr(language);
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: t.t('site.choose.title'),
    message: t.t('site.choose.message'),
    detail: t.t('site.choose.detail'),
    buttons: [t.t('site.choose.host'), t.t('site.choose.join'), t.t('site.choose.quit')],
    defaultId: 0,
    cancelId: 2,
    noLink: true,
  });
  return response === 0 ? 'host' : response === 1 ? 'join' : 'quit';
}

/** The host name Chromium reports for a URL (no IPv6 brackets, lower case). */
function hostnameOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

export interface PinningDeps {
  /** The joined host: only its certificates are judged by the pin. */
  url: string;
  pinned(): string | null;
  /** First use: remember this fingerprint. */
  pin(fingerprint: string): void;
  /** A certificate other than the pinned one was refused. */
  refused(pinned: string, seen: string): void;
}

/**
 * Chromium's certificate check for a joined workstation: the host's certificate is accepted when its fingerprint is
 * the pinned one (or pinned now, on first use) and refused otherwise, whatever a CA would say; any other site (a map
 * tile server) keeps Chromium's own verification.
 */
export function pinningVerifier(deps: PinningDeps): CertificateVerifyProc {
  const host = hostnameOf(deps.url);
  return (request, callback) => {
    if (request.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase() !== host) return callback(-3);
    let seen: string;
    try {
      seen = normaliseFingerprint(request.certificate.fingerprint);
    } catch {
      return callback(-2);
    }
    const check = checkPin(deps.pinned(), seen);
    if (check.ok) {
      if (check.firstUse) deps.pin(seen);
      return callback(0);
    }
    deps.refused(check.pinned, check.seen);
    callback(-2);
  };
}

/** A window for pages that are not our own file (the join form, a joined host's UI): the join preload at most. */
export function remoteWindowOptions(iconFile: string, preloadFile?: string): WindowOptions {
  // The join preload (src/preload/join.ts) only hands the session to the tray; it exposes no operation.
  return appWindowOptions(iconFile, preloadFile);
}

export interface JoinElectron {
  BrowserWindow: WindowConstructor;
  dialog: DialogLike;
  session: { readonly defaultSession: JoinSessionLike };
  shell: ShellLike;
}

export interface JoinOptions {
  config: JoinConfig;
  /** site.json: a fingerprint pinned on first use (or trusted anew) is saved there. */
  siteFile: string;
  language: Language;
  iconFile: string;
  /** The join preload (out/preload/join.cjs), which hands the signed-in session to the joined tray. */
  preloadFile?: string;
  warn(message: string): void;
  /** The join page's window, reused for the host's UI; a new window otherwise. */
  window?: WindowLike;
}

export interface Joined {
  window: WindowLike;
  /** The site file as it is now (its pin may have been set or replaced). */
  config(): JoinConfig;
}

/**
 * Join mode: no core, monitor or scheduler here (the host runs them). One window shows the host's web UI, which
 * uses its HTTP transport and live events; the session accepts the host's certificate only by its pin.
 */
export function startJoined(electron: JoinElectron, options: JoinOptions): Joined {
  const t = tr(options.language);
  const session = electron.session.defaultSession;
  let config = options.config;
  const origin = joinOrigin(config);
  const save = (fingerprint: string) => {
    config = { ...config, fingerprint };
    try {
      writeSiteConfig(options.siteFile, config);
    } catch (error) {
      options.warn(`Cannot save the pinned certificate to ${options.siteFile}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  denyPermissions(session);
  const win = options.window ?? new electron.BrowserWindow(remoteWindowOptions(options.iconFile, options.preloadFile));
  guardContents(win.webContents, electron.shell);
  // Chromium asks again for every new connection: one warning per certificate seen, not one per request.
  const warned = new Set<string>();
  // The last load was refused for its certificate (Chromium then reports a plain failure): no retry loop for that.
  let refusing = false;
  const refused = (pinned: string, seen: string) => {
    refusing = true;
    if (warned.has(seen)) return;
    warned.add(seen);
    void electron.dialog
      .showMessageBox({
        type: 'warning',
        title: t.t('site.certChanged.title'),
        message: t.t('site.certChanged.message', { host: origin }),
        detail: t.t('site.certChanged.detail', { pinned, seen }),
        buttons: [t.t('site.certChanged.keepRefusing'), t.t('site.certChanged.trustNew')],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      })
      .then(({ response }) => {
        if (response !== 1) return;
        save(seen);
        warned.delete(seen);
        refusing = false;
        // Set again so that no verdict cached for the refused certificate outlives the new pin, then reload.
        session.setCertificateVerifyProc(verifier);
        win.loadURL(`${origin}/`).catch(() => undefined);
      });
  };
  const verifier = pinningVerifier({ url: config.url, pinned: () => config.fingerprint, pin: save, refused });
  session.setCertificateVerifyProc(verifier);
  // The host down (or not yet up) when the window loads: a page that says so, and tries again with back-off. Once
  // the host's UI is loaded it keeps itself (its offline banner, SSE reconnects); this covers only the first load.
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const loadHost = () => {
    retry = null;
    win.loadURL(`${origin}/`).catch(() => undefined);
  };
  win.webContents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    // -3 is ERR_ABORTED (a load replaced by another); only the host's page itself matters here.
    if (!isMainFrame || errorCode === -3 || !validatedURL.startsWith(origin) || win.isDestroyed()) return;
    const certificate = refusing || (errorCode <= -200 && errorCode > -300);
    const delaySec = Math.min(RETRY_MAX_SEC, RETRY_FIRST_SEC * 2 ** attempt);
    attempt++;
    win.loadURL(dataUrl(offlinePageHtml(options.language, { url: origin, reason: errorDescription, retrySec: certificate ? null : delaySec, siteFile: options.siteFile }))).catch(() => undefined);
    if (certificate) return;
    if (retry) clearTimeout(retry);
    retry = setTimeout(loadHost, delaySec * 1000);
  });
  win.webContents.on('did-navigate', () => {
    if (win.webContents.mainFrame.url.startsWith(origin)) attempt = 0;
  });
  win.webContents.once('destroyed', () => {
    if (retry) clearTimeout(retry);
  });
  loadHost();
  return { window: win, config: () => config };
}

const RETRY_FIRST_SEC = 2;
const RETRY_MAX_SEC = 30;

/** What a joined window shows while the host does not answer: no script, the reason, and the next try. */
export function offlinePageHtml(language: Language, state: { url: string; reason: string; retrySec: number | null; siteFile: string }): string {
  const t = tr(language);
  const lines = [
    t.t('site.offline.message', { url: state.url, reason: state.reason }),
    state.retrySec === null ? t.t('site.offline.certificate') : t.t('site.offline.retry', { sec: state.retrySec }),
    t.t('site.offline.leave', { file: state.siteFile }),
  ];
  const body = `<h1>${escapeHtml(t.t('site.offline.title'))}</h1>\n${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}`;
  return staticPage(language, { title: t.t('site.offline.title'), maxWidth: 560, role: 'alert', body });
}

/**
 * A page of the app's own, without script: what the CSP allows (no script, inline style; the form's target when there
 * is a form), NOCman's plain centred card, and `body` inside it — already escaped.
 */
function staticPage(language: Language, page: { title: string; maxWidth: number; body: string; role?: 'alert'; formAction?: string; style?: string }): string {
  const formAction = page.formAction ? `; form-action ${page.formAction}` : '';
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${formAction}">
<title>${escapeHtml(page.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center;background:#f1f3f5;color:#212529}
main{background:#fff;padding:32px;border-radius:8px;box-shadow:0 1px 4px #0002;max-width:${page.maxWidth}px}
${page.style ?? ''}</style></head><body><main${page.role ? ` role="${page.role}"` : ''}>
${page.body}
</main></body></html>`;
}

/** The made-up address the join page's form submits to: `.invalid` never resolves (RFC 2606), and it is intercepted. */
export const JOIN_FORM_ACTION = 'https://join.nocman.invalid/';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The join page: a form for the host's address and nothing else — no script, no preload. Submitting it navigates
 * to JOIN_FORM_ACTION, which the main process intercepts to read the address.
 */
export function joinPageHtml(language: Language, typed = '', problem: string | null = null): string {
  const t = tr(language);
  const body = `<h1>${escapeHtml(t.t('site.join.title'))}</h1>
<p>${escapeHtml(t.t('site.join.intro'))}</p>
<form method="get" action="${JOIN_FORM_ACTION}">
<label for="address">${escapeHtml(t.t('site.join.address'))}</label>
<input id="address" name="address" required autofocus value="${escapeHtml(typed)}" placeholder="${escapeHtml(t.t('site.join.placeholder'))}">
${problem ? `<p class="problem" role="alert">${escapeHtml(problem)}</p>` : ''}
<button type="submit">${escapeHtml(t.t('site.join.connect'))}</button>
</form>`;
  return staticPage(language, {
    title: t.t('site.join.title'),
    maxWidth: 520,
    formAction: JOIN_FORM_ACTION,
    style: 'label{display:block;font-weight:600;margin:16px 0 6px}input{width:100%;box-sizing:border-box;font-size:16px;padding:8px}\nbutton{margin-top:16px;font-size:16px;padding:8px 20px}.problem{color:#c92a2a}\n',
    body,
  });
}

/**
 * What a person typed as the host's address, as an https origin: `10.0.0.5:5000`, `https://noc.lan:5000/`,
 * `noc.lan` (port 5000, nocman serve's default). Null when it is not an address.
 */
export function hostAddress(typed: string): string | null {
  const text = typed.trim();
  if (!text || /\s/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) return null;
  if (!url.hostname) return null;
  if (!url.port) url.port = '5000';
  return url.origin;
}

export interface JoinPageOptions {
  language: Language;
  siteFile: string;
  iconFile: string;
  /** As JoinOptions.preloadFile: the window becomes the joined window once a host is chosen. */
  preloadFile?: string;
  /** The host was chosen, its certificate confirmed and the site file written: switch this window to join mode. */
  joined(config: JoinConfig, window: WindowLike): void;
  probe?: (url: string) => Promise<{ fingerprint: string }>;
}

function dataUrl(html: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/**
 * The page where a workstation that joins types the host's address. The address is probed, the certificate's
 * fingerprint shown for the person to compare with the host's, and on their yes written to site.json pinned.
 */
export function openJoinPage(electron: JoinElectron, options: JoinPageOptions): WindowLike {
  const t = tr(options.language);
  const probe = options.probe ?? ((url: string) => probeHost(url));
  denyPermissions(electron.session.defaultSession);
  const win = new electron.BrowserWindow(remoteWindowOptions(options.iconFile, options.preloadFile));
  guardContents(win.webContents, electron.shell);
  const show = (typed = '', problem: string | null = null) => win.loadURL(dataUrl(joinPageHtml(options.language, typed, problem))).catch(() => undefined);
  const tryAddress = async (typed: string) => {
    const url = hostAddress(typed);
    if (!url) return show(typed, t.t('site.join.badAddress'));
    let fingerprint: string;
    try {
      ({ fingerprint } = await probe(url));
    } catch (error) {
      return show(typed, t.t('site.join.unreachable', { url, reason: error instanceof Error ? error.message : String(error) }));
    }
    const { response } = await electron.dialog.showMessageBox({
      type: 'question',
      title: t.t('site.join.confirmTitle'),
      message: t.t('site.join.confirmMessage', { url }),
      detail: t.t('site.join.confirmDetail', { fingerprint }),
      buttons: [t.t('site.join.trust'), t.t('site.join.cancel')],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0) return show(typed);
    const config: JoinConfig = { mode: 'join', url, fingerprint };
    writeSiteConfig(options.siteFile, config);
    options.joined(config, win);
  };
  // guardContents has already refused every navigation; this one only reads the form's address.
  win.webContents.on('will-navigate', (_event, target) => {
    if (!target.startsWith(JOIN_FORM_ACTION)) return;
    void tryAddress(new URL(target).searchParams.get('address') ?? '');
  });
  void show();
  return win;
}
