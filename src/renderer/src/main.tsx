import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiCallError } from '../../shared/api/errors';
import { ApiProvider } from './api/api-context';
import { AUTH_KEY } from './auth/useAuthState';
import { App } from './App';

// Dense by default: clerks work at a counter with a queue in front of them, on modest screens.
const theme = createTheme({
  fontFamily: '"Be Vietnam Pro", "Segoe UI", "DejaVu Sans", Roboto, sans-serif',
  defaultRadius: 'sm',
  primaryColor: 'blue',
  // Shade 8 keeps white button text above WCAG AA contrast (4.5:1).
  primaryShade: 8,
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
  },
});

// A call refused because the session ended or locked means the screen must change: ask the
// core for the session state again (AuthGate then shows the login or lock screen).
const onCallError = (error: unknown) => {
  if (error instanceof ApiCallError && ['NOT_LOGGED_IN', 'SESSION_LOCKED'].includes(error.code)) {
    void queryClient.invalidateQueries({ queryKey: AUTH_KEY });
  }
};
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onCallError }),
  mutationCache: new MutationCache({ onError: onCallError }),
  defaultOptions: {
    queries: { retry: (n, e) => !(e instanceof ApiCallError) && n < 1, refetchOnWindowFocus: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <ApiProvider>
          <App />
        </ApiProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
