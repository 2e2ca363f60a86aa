// Gives every screen the typed contract client, without threading it through props.
import { createContext, useContext } from 'react';
import type { Client } from '../../src-shared/contract';

export const ClientContext = createContext<Client | null>(null);

export function useClient(): Client {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient needs a ClientContext provider.');
  return client;
}
