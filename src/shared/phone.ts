// Phone numbers as Indonesians write them (0812-3456-7890, 62812..., +62 21 555 1234) normalised to +62.

/**
 * Returns the number in international form (`+6281234567890`) or null when it cannot be a phone number.
 * Local numbers start with 0 (mobile 08…, landline 0 + area code); `62…` and `8…` are read as Indonesian;
 * other countries must be written with `+`.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.trim().replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  let international: string;
  if (compact.startsWith('+')) international = compact;
  else if (compact.startsWith('62')) international = `+${compact}`;
  else if (compact.startsWith('0')) international = `+62${compact.slice(1)}`;
  else if (compact.startsWith('8')) international = `+62${compact}`;
  else return null;
  if (international.startsWith('+620')) return null;
  if (international.startsWith('+62')) return /^\+62\d{7,13}$/.test(international) ? international : null;
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
}

/**
 * The number as WhatsApp gateways and wa.me links take it: digits only, country code first (`6281234567890`).
 * WhatsApp reaches mobiles: an Indonesian landline (`+6221…`, any `+62` not followed by 8) gives null, so the
 * message is skipped as `invalidPhone` instead of being retried against a number that cannot answer.
 */
export function gatewayPhone(raw: string): string | null {
  const international = normalizePhone(raw);
  if (!international) return null;
  if (international.startsWith('+62') && !/^\+628\d{8,12}$/.test(international)) return null;
  return international.slice(1);
}

/** A wa.me link that opens a chat with the customer (null when the number cannot have WhatsApp). */
export function waMeLink(raw: string, text?: string): string | null {
  const phone = gatewayPhone(raw);
  if (!phone) return null;
  return `https://wa.me/${phone}${text ? `?text=${encodeURIComponent(text)}` : ''}`;
}
