// English: the desktop app's site dialogs (host or join, the host's certificate) and the join page.
import type { SiteMessages } from './site.id';

export const siteEn: SiteMessages = {
  site: {
    choose: {
      title: 'NOCman — this workstation',
      message: 'How does this PC take part in the site?',
      detail:
        'Host this site: this PC keeps the database and runs the monitor, the poller and billing; it can also serve the site’s network.\nJoin a site: this PC shows the screens of the NOCman host on your network; the host runs everything.',
      host: 'Host this site',
      join: 'Join a site',
      quit: 'Quit',
    },
    join: {
      title: 'Join a NOCman site',
      intro: 'Type the address of the NOCman host, as its admin gives it (the host runs `nocman serve --tls`, or the desktop app serving the site).',
      address: 'Host address',
      placeholder: 'https://10.0.0.5:5000',
      connect: 'Connect',
      badAddress: 'Type an address like https://10.0.0.5:5000 (https, a host name or IP address, and the port).',
      unreachable: 'No answer over TLS from {{url}}: {{reason}}',
      confirmTitle: 'Check the host’s certificate',
      confirmMessage: 'Is this the certificate of your NOCman host {{url}}?',
      confirmDetail:
        'SHA-256 fingerprint:\n{{fingerprint}}\n\nCompare it with the fingerprint the host printed when it started (or that its admin reads to you). NOCman will trust only this certificate from now on.',
      trust: 'Trust and join',
      cancel: 'Cancel',
    },
    served: {
      menu: 'Serving the site at {{url}}…',
      title: 'This PC serves the site',
      message: 'Workstations join this site at {{url}} (use this PC’s network address in place of 0.0.0.0).',
      detail: 'Certificate SHA-256 fingerprint:\n{{fingerprint}}\n\nA workstation shows this fingerprint the first time it joins: it must be the same.',
    },
    serveFailed: {
      title: 'The site’s network server did not start',
      message: 'NOCman could not serve the site on {{address}}: {{reason}}',
      detail: 'This PC still runs the site (database, monitor, billing); other workstations cannot join it until this is fixed. Choose another address or port, or stop what uses this one, then restart NOCman.',
    },
    offline: {
      title: 'NOCman — the host does not answer',
      message: 'The NOCman host {{url}} does not answer ({{reason}}).',
      retry: 'NOCman tries again by itself; next try in {{sec}} s. Nothing is lost: the host keeps the site’s data and runs the monitor and billing.',
      certificate: 'The host’s certificate was refused: it is not the one this workstation trusts (see the warning NOCman showed). NOCman does not retry until you trust the new certificate.',
      leave: 'To join another site, quit NOCman, delete {{file}} and start it again.',
    },
    certChanged: {
      title: 'The host’s certificate changed',
      message: 'NOCman refused the connection to {{host}}: it presented a certificate other than the one this workstation trusts.',
      detail:
        'Trusted: {{pinned}}\nPresented now: {{seen}}\n\nThis happens when the host made a new certificate — or when someone stands between you and the host. Ask the host’s admin for the fingerprint printed at its start; trust the new certificate only if it is the same.',
      keepRefusing: 'Keep refusing',
      trustNew: 'Trust the new certificate',
    },
  },
};
