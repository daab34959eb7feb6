import { createRoot } from 'react-dom/client';
import { keepAppForOffline } from './offline-app.js';
import { App } from './ui/App.js';
import './styles/theme.css';
import './styles/chrome.css';
import './styles/app.css';
import './styles/versions.css';
import './styles/editor.css';
import './styles/carets.css';
import './styles/images.css';
import './styles/blocks.css';
import './styles/comments.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
createRoot(container).render(<App />);
keepAppForOffline();
