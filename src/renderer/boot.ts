// Runs first (index.html's first script, its own chunk with no library in it): starts the first screen's requests
// before the libraries are evaluated and React renders. In Electron the IPC bridge answers at once: nothing to start.
import { startEarlyRequests } from './api/early';
import { routeOfHash } from './routeOfHash';

if (!window.noc) startEarlyRequests(routeOfHash(window.location.hash), window.localStorage);
