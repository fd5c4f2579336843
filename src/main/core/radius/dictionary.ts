// The MikroTik vendor attributes NOCman sends in CoA-Requests, copied from FreeRADIUS's dictionary.mikrotik (the
// same text format) so nothing under /usr/share is read at run time; loaded into the `radius` package once.
import radius from 'radius';

export const MIKROTIK_VENDOR_ID = 14988;

export const MIKROTIK_DICTIONARY = `
VENDOR		Mikrotik			14988
BEGIN-VENDOR	Mikrotik
ATTRIBUTE	Mikrotik-Recv-Limit			1	integer
ATTRIBUTE	Mikrotik-Xmit-Limit			2	integer
ATTRIBUTE	Mikrotik-Group				3	string
ATTRIBUTE	Mikrotik-Rate-Limit			8	string
ATTRIBUTE	Mikrotik-Realm				9	string
ATTRIBUTE	Mikrotik-Host-IP			10	ipaddr
ATTRIBUTE	Mikrotik-Address-List			19	string
END-VENDOR	Mikrotik
`;

/** Loads the package's RFC dictionaries and the MikroTik attributes (again after anyone unloaded them). */
export function loadRadiusDictionaries(): typeof radius {
  radius.load_dictionaries();
  if (radius.attr_name_to_id('Mikrotik-Rate-Limit', MIKROTIK_VENDOR_ID) === undefined) radius._load_dictionary(MIKROTIK_DICTIONARY);
  return radius;
}
