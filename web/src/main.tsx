import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { cspNonce, nonceDynamicStyles } from './csp';
import './styles.css';

nonceDynamicStyles(cspNonce);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
