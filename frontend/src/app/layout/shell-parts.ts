// The parts of the shell that can arrive a moment after the start, in one lazy chunk: the account
// corner of the top bar, the items of the main navigation and the API status of the footer (app.ts
// creates them after the first render).
export { AccountMenu } from './account-menu';
export { ApiStatus } from './api-status';
export { MainNav } from './main-nav';
