/** The route part of a hash address (`#/customers?page=2` → `/customers`); the start page when there is none. */
export function routeOfHash(hash: string): string {
  return hash.replace(/^#/, '').split('?')[0] || '/';
}
