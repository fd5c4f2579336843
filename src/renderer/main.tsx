// Renderer entry: styles, i18n, the Mantine theme, TanStack Query and the hash router around the app.
import '@mantine/core/styles.css';
import './i18n';
import { MantineProvider } from '@mantine/core';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { AppError } from '../shared/errors';
import { App } from './App';
import { keepDataOnUnreachable, QUERY_DEFAULTS, syncQueriesWithConnection } from './frame/connectionSync';
import { preloadPageAt } from './frame/pages';
import { prefetchStartData } from './frame/startData';
import { routeOfHash } from './routeOfHash';
import { earlyRequestsPending } from './api/early';
import { useConnection } from './stores/connection';
import { useSession } from './stores/session';
import { theme } from './theme';

const queryClient = new QueryClient({
  // A query that finds the session gone (expired, revoked elsewhere) sends the user back to sign-in; one that gave up
  // offline keeps its data (frame/connectionSync.ts).
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') useSession.getState().expire();
      keepDataOnUnreachable(error, query);
    },
  }),
  // Offline, reads wait with their data on screen and writes fail clearly (frame/connectionSync.ts).
  defaultOptions: QUERY_DEFAULTS,
});
syncQueriesWithConnection(queryClient, useConnection);

// Before the first render: the session check starts (a saved session opens the frame at once), the page of the
// address loads alongside it, and with a saved session the frame's and the page's data go into the query cache.
const route = routeOfHash(window.location.hash);
void useSession.getState().start();
const starting = [preloadPageAt(route)];
if (useSession.getState().phase === 'signedIn') starting.push(prefetchStartData(queryClient, route));

// When the early answers are in already (a quiet machine: they started in boot.ts, before the libraries were
// evaluated), the first render waits the moment it takes to read them, so the first screen is one render with its
// data instead of a frame, then the page, then its figures, each a pass of its own. When they are still on their way
// (a busy server), it renders at once and shows the data when it comes, rather than idle. Either way it waits a
// moment for the page's code (preloaded with the entry's) and never longer than START_WAIT_MS.
const START_WAIT_MS = 300;
void Promise.race([earlyRequestsPending() === 0 ? Promise.all(starting) : starting[0], new Promise((resolve) => setTimeout(resolve, START_WAIT_MS))]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <App />
          </HashRouter>
        </QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  ),
);
