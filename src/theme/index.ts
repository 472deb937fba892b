export { PALETTES, namespaceColor, type Palette, type ThemeName } from './tokens';
