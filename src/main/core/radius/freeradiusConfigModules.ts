// The FreeRADIUS modules of NOCman's configuration: rest (NOCman's RADIUS bridge), pap, chap, mschap, always, attr_filter.
import type { FreeradiusConfigInput } from './freeradiusConfig';
import { header as textHeader, quoted } from './freeradiusConfigText';

function header(input: FreeradiusConfigInput, what: string): string {
  return textHeader(input.generatedAt, what);
}

/** The bridge's paths on NOCman's HTTP server, one per rlm_rest section. */
export const BRIDGE_PATHS = {
  authorize: '/api/radius/authorize',
  authenticate: '/api/radius/authenticate',
  accounting: '/api/radius/accounting',
  'post-auth': '/api/radius/post-auth',
} as const;

/** rlm_rest's per-request timeout in seconds: a MikroTik waits 3 s (timeout=3s below) before it retries. */
const TIMEOUT_SEC = { authorize: 2, authenticate: 2, accounting: 5, 'post-auth': 2 } as const;

function restSection(base: string, name: keyof typeof BRIDGE_PATHS): string {
  return `	${name} {
		uri = ${quoted(`${base}${BRIDGE_PATHS[name]}`)}
		method = 'post'
		body = 'json'
		timeout = ${TIMEOUT_SEC[name]}
		tls = \${..tls}
	}`;
}

function rest(input: FreeradiusConfigInput): string {
  const base = input.nocmanUrl.replace(/\/+$/, '');
  return `${header(input, "NOCman: rlm_rest, the module that asks NOCman's RADIUS bridge.")}
# Each section POSTs the request's attributes as rlm_rest JSON ({"User-Name":{"type":"string","value":[…]},…})
# with the header X-NOCman-Bridge-Key (set by the nocman_bridge_key policy just before each call: rlm_rest
# has no header option and consumes control:REST-HTTP-Header after every call).
# HTTP answer → module code: 200/2xx with JSON → updated/ok, 204 → ok, 401 → reject (its JSON is read: the
# Reply-Message), 403 → userlock, 404 → notfound, 5xx, a timeout or a refused connection → fail. The site
# turns every outcome but ok/updated into a reject: without NOCman nobody gets in (fail closed).
rest {
	tls {
		check_cert = yes
		check_cert_cn = yes
	}

	# No connect_uri: with one, rlm_rest opens a bare TCP connection to NOCman for every pooled handle and
	# never sends a request on it (NOCman would wait for it when it stops), and a pooled handle could not
	# be created while NOCman is down. Without it, each request connects (or reuses a live connection).
	# NOCman is on this machine or the LAN: give up on a connection quickly.
	connect_timeout = 1.0
	http_negotiation = 1.1

${restSection(base, 'authorize')}
${restSection(base, 'authenticate')}
${restSection(base, 'accounting')}
${restSection(base, 'post-auth')}

	pool {
		# Handles are made on demand; FreeRADIUS starts (and rejects, fail closed) while NOCman is down.
		start = 0
		min = 0
		spare = 10
		# One connection per server thread (thread pool max_servers in radiusd.conf).
		max = 32
		uses = 0
		lifetime = 0
		# Below Node's keep-alive timeout (5 s), so a connection is never reused just as NOCman closes it.
		idle_timeout = 4
		cleanup_interval = 4
		# If making a handle ever fails, try again after a second (the default 30 s would keep
		# rejecting everyone for half a minute).
		retry_delay = 1
	}
}
`;
}

function simple(input: FreeradiusConfigInput, what: string, body: string): string {
  return `${header(input, what)}\n${body}`;
}

/** The modules directory: one file per module, each named by radiusd.conf. */
export function modulesFiles(input: FreeradiusConfigInput): Array<{ path: string; content: string }> {
  return [
    { path: 'mods-enabled/rest', content: rest(input) },
    {
      path: 'mods-enabled/pap',
      content: simple(input, 'NOCman: PAP, checked by FreeRADIUS against the control:Cleartext-Password NOCman answers.', 'pap {\n\tnormalise = yes\n}\n'),
    },
    { path: 'mods-enabled/chap', content: simple(input, 'NOCman: CHAP, checked against control:Cleartext-Password.', 'chap {\n}\n') },
    {
      path: 'mods-enabled/mschap',
      content: simple(
        input,
        'NOCman: MS-CHAP and MS-CHAPv2 (what MikroTik PPPoE uses by default), computed from control:Cleartext-Password.',
        `mschap {
	# MPPE keys for PPP encryption, as MikroTik expects them.
	use_mppe = yes
	require_encryption = no
	require_strong = no
	with_ntdomain_hack = yes
}
`,
      ),
    },
    {
      path: 'mods-enabled/always',
      content: simple(
        input,
        'NOCman: the fixed-result modules the site uses by name.',
        `always reject {
	rcode = reject
}
always fail {
	rcode = fail
}
always ok {
	rcode = ok
}
always handled {
	rcode = handled
}
always invalid {
	rcode = invalid
}
always userlock {
	rcode = userlock
}
always notfound {
	rcode = notfound
}
always noop {
	rcode = noop
}
always updated {
	rcode = updated
}
`,
      ),
    },
    {
      path: 'mods-enabled/attr_filter',
      content: simple(
        input,
        'NOCman: what an Access-Reject may carry (a reject never carries a rate limit, an address or an address list).',
        `attr_filter attr_filter.access_reject {
	key = "%{User-Name}"
	filename = \${modconfdir}/\${.:name}/access_reject
}
`,
      ),
    },
    {
      path: 'mods-config/attr_filter/access_reject',
      content: simple(
        input,
        'NOCman: the attributes allowed in an Access-Reject.',
        `DEFAULT
	EAP-Message =* ANY,
	State =* ANY,
	Message-Authenticator =* ANY,
	Error-Cause =* ANY,
	Reply-Message =* ANY,
	MS-CHAP-Error =* ANY,
	Proxy-State =* ANY
`,
      ),
    },
  ];
}
