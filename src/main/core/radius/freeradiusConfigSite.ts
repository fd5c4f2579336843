// The virtual server of NOCman's FreeRADIUS configuration (listeners, authorize → authenticate → post-auth, accounting) and its policy.
import net from 'node:net';
import type { FreeradiusConfigInput } from './freeradiusConfig';
import { header, quoted } from './freeradiusConfigText';

/** The HTTP header carrying the bridge key on every rlm_rest call. */
export const BRIDGE_KEY_HEADER = 'X-NOCman-Bridge-Key';

function listen(type: 'auth' | 'acct', address: string, port: number): string {
  const key = net.isIPv6(address) ? 'ipv6addr' : 'ipaddr';
  return `listen {
	type = ${type}
	${key} = ${address === '0.0.0.0' ? '*' : address}
	port = ${port}
}`;
}

function policy(input: FreeradiusConfigInput): string {
  return `${header(input.generatedAt, 'NOCman: policies of the nocman site.')}
# The bridge key, as the header rlm_rest sends on its next call (rlm_rest consumes control:REST-HTTP-Header
# after each call, so every call is preceded by this policy). Single quotes: the key is never expanded.
nocman_bridge_key {
	update control {
		&REST-HTTP-Header := ${quoted(`${BRIDGE_KEY_HEADER}: ${input.bridgeKey}`)}
	}
}

# rlm_rest sends only the request's own attributes; the packet's source address (a virtual attribute) is added
# so NOCman knows which NAS asked even when the NAS sends no NAS-IP-Address.
nocman_packet_source {
	if ("%{Packet-Src-IP-Address}" != "") {
		update request {
			&Packet-Src-IP-Address := "%{Packet-Src-IP-Address}"
		}
	}
}
`;
}

function site(input: FreeradiusConfigInput): string {
  return `${header(input.generatedAt, 'NOCman: the virtual server. Every decision is NOCman\'s; FreeRADIUS checks the passwords.')}
server nocman {

${listen('auth', input.listenAddress, input.authPort)}

${listen('acct', input.listenAddress, input.acctPort)}

authorize {
	# Status-Server (RFC 5997) from monitoring answers without asking NOCman.
	Autz-Type Status-Server {
		ok
	}

	nocman_packet_source

	# NOCman answers the subscription's control:Cleartext-Password and the reply (Mikrotik-Rate-Limit,
	# Framed-IP-Address, Session-Timeout, Mikrotik-Address-List for isolir), or 401 with a Reply-Message.
	nocman_bridge_key
	rest {
		fail = 1
		invalid = 1
		notfound = 1
		userlock = 1
	}
	if (fail || invalid) {
		# NOCman did not answer (down, timeout, 5xx) or answered nonsense: fail closed, never accept.
		# The log line of the reject names both (e.g. "rest: Request failed: 7 - Couldn't connect to server").
		update request {
			&Module-Failure-Message := "NOCman RADIUS bridge unavailable (%{%{Module-Failure-Message}:-no answer}): rejected, fail closed"
		}
		reject
	}
	elsif (notfound || userlock) {
		reject
	}

	# Whichever password the NAS sent decides how FreeRADIUS checks it.
	chap
	mschap
	pap
}

authenticate {
	Auth-Type PAP {
		pap
	}
	Auth-Type CHAP {
		chap
	}
	Auth-Type MS-CHAP {
		mschap
	}
	# Only when NOCman answers control:Auth-Type := rest (a password FreeRADIUS cannot check itself).
	Auth-Type rest {
		nocman_bridge_key
		rest
	}
}

preacct {
	ok
}

# Start, Interim-Update, Stop, Accounting-On/Off. Answered only once NOCman stored it: without NOCman the
# NAS gets no Accounting-Response and sends the record again, so no session or byte is lost.
accounting {
	nocman_packet_source
	nocman_bridge_key
	rest
}

post-auth {
	# An accept is not sent to NOCman: a second HTTP call per login halved the logins per second NOCman can
	# answer, and the accounting Start that follows an accept records the sign-in anyway.
	ok

	Post-Auth-Type REJECT {
		# NOCman records the reject with FreeRADIUS's reason (Module-Failure-Message), e.g. a wrong password.
		update request {
			&Post-Auth-Type := Reject
		}
		nocman_bridge_key
		rest {
			fail = 1
			invalid = 1
		}
		attr_filter.access_reject
	}
}

}
`;
}

export function siteFiles(input: FreeradiusConfigInput): Array<{ path: string; content: string }> {
  return [
    { path: 'policy.d/nocman', content: policy(input) },
    { path: 'sites-enabled/nocman', content: site(input) },
  ];
}
