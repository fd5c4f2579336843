// The app shell (placeholder until the screens land).
export function App() {
  return <div>NOCman</div>;
}
