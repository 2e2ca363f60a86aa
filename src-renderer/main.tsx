// The renderer's entry: pick the bridge to main (the Electron preload, or the browser host's
// WebSocket with the launch token taken out of the address bar) before anything renders.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { selectConnection } from './bridge/select-connection';
import './styles/app.css';

const connection = selectConnection(window);
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App connection={connection} />
  </StrictMode>,
);
