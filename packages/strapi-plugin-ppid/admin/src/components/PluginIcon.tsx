import { Stack } from '@strapi/icons';

export const PluginIcon = () => <Stack />;
