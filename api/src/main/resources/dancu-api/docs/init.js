// Swagger UI over the server's own OpenAPI description (no inline script: the Content-Security-Policy forbids it).
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
  });
});
