import { describePortalA11y } from './portal-a11y.js';

describePortalA11y('large-contrast');
