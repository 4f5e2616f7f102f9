import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useApi } from '../api/api-context';

export const AUTH_KEY = ['auth', 'state'] as const;

export function useAuthState() {
  const { client } = useApi();
  return useQuery({ queryKey: AUTH_KEY, queryFn: () => client.call('auth.state', {}), staleTime: Infinity });
}

/** After login, logout, lock or a refused call: ask the core again what to show. */
export function useRefreshAuth() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: AUTH_KEY }), [queryClient]);
}
