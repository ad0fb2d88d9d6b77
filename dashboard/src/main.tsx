// Dashboard entry (placeholder until the dashboard lands): shows that the gateway is up.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return (
    <main style={{ fontFamily: 'system-ui', padding: 32 }}>
      <h1>LLM Gateway</h1>
      <p>The gateway is running. The admin API is at /api, the proxy at /v1.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
