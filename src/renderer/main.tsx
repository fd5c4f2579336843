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
import { preloadPageAt } from './frame/pages';
import { routeOfHash } from './routeOfHash';
import { useSession } from './stores/session';
import { theme } from './theme';

const queryClient = new QueryClient({
  // A query that finds the session gone (expired, revoked elsewhere) sends the user back to sign-in.
  queryCache: new QueryCache({
    onError: (error) => {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') useSession.getState().expire();
    },
  }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

// The page of the address starts downloading now, alongside the session check, not after it.
preloadPageAt(routeOfHash(window.location.hash));

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
);
