// The parts of the shell that can arrive a moment after the start, in one lazy chunk: the account
// corner of the top bar, the items of the main navigation and the footer's API status (app.ts
// creates them after the first render).
export { AccountMenu } from './account-menu';
export { FooterStatus } from './footer-status';
export { MainNav } from './main-nav';
