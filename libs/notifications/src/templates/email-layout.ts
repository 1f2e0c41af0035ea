export { escapeHtml } from '@app/platform';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}
