import './styles/app.css';
import './styles/editor.css';
