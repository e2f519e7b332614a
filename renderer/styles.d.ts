/** Plain CSS files are imported for their side effect; vite bundles them into dist/renderer. */
declare module '*.css';
