// The server demo page (demo/server-logs.html) is one page for both servers: nginx serves it at
// /demo/nginx/, Apache httpd at /demo/apache/. This names the one that serves it.
document.addEventListener('DOMContentLoaded', () => {
  const servers = {
    nginx: { name: 'nginx', short: 'nginx', command: 'npm run demo:nginx' },
    apache: { name: 'Apache httpd', short: 'Apache', command: 'npm run demo:apache' },
  };
  const server = servers[location.pathname.split('/')[2]];
  if (!server) return;
  document.title = document.title.replace('server demo', `${server.name} demo`);
  for (const element of document.querySelectorAll('[data-server]'))
    element.textContent = server[element.dataset.server];
});
