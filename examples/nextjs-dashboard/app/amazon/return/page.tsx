// Amazon sends the seller back here: the same dashboard, whose engine completes the sign-in when it starts and
// then returns to the page the seller started on.
export { default } from '../../[[...page]]/page';

export const dynamic = 'force-dynamic';
