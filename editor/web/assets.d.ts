// Stylesheets imported by page modules are bundled into app.css by esbuild.
declare module '*.css';
