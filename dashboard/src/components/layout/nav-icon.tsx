// Owns the sidebar's icons: small inline SVGs, so they render the same with any installed fonts.

export type NavIconName = 'home' | 'providers' | 'models' | 'keys' | 'logs' | 'playground' | 'audit';

const PATHS: Record<NavIconName, string> = {
  home: 'M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z',
  providers: 'M4 7h13l-3-3M20 17H7l3 3',
  models: 'M12 2 21 7v10l-9 5-9-5V7zM12 12l9-5M12 12v10M12 12 3 7',
  keys: 'M14.5 9.5a4.5 4.5 0 1 1-1.3-3.2 4.5 4.5 0 0 1 1.3 3.2zM13.2 12.8 21 20.6M17.5 17.1l2-2M19.5 19.1l1.5-1.5',
  logs: 'M8 6h13M8 12h13M8 18h13M3 6h.01M3 12h.01M3 18h.01',
  playground: 'M6 4l14 8-14 8z',
  audit: 'M9 3h6l1 2h3v16H5V5h3zM9 12l2 2 4-4',
};

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg className="nav-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
