// The ppid plugin's server entry: a plain object of parts, as Strapi's own plugins are.
// Rules live in ./core (plain TypeScript, no Strapi); everything else is a thin adapter.
import register from './register';
import bootstrap from './bootstrap';
import destroy from './destroy';
import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import routes from './routes';
import services from './services';
import policies from './policies';
import middlewares from './middlewares';

const plugin: {
  register: typeof register;
  bootstrap: typeof bootstrap;
  destroy: typeof destroy;
  config: typeof config;
  contentTypes: typeof contentTypes;
  controllers: typeof controllers;
  routes: typeof routes;
  services: typeof services;
  policies: typeof policies;
  middlewares: typeof middlewares;
} = {
  register,
  bootstrap,
  destroy,
  config,
  contentTypes,
  controllers,
  routes,
  services,
  policies,
  middlewares,
};

export default plugin;
