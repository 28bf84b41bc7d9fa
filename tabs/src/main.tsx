import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element.');
// Build-time settings are read here, the one module unit tests never load (jest cannot parse import.meta).
createRoot(root).render(
  <StrictMode>
    <App params={new URLSearchParams(window.location.search)} apiBaseUrl={import.meta.env.VITE_API_ENDPOINT ?? ''} />
  </StrictMode>,
);
