import { HuntWorkspace } from '@/components/workspace/hunt-workspace';
import { ThemeToggle } from '@/components/workspace/theme-toggle';

export default function HomePage() {
  return (
    <main className="page">
      <header className="page-header">
        <div>
          <h1>DNS Hunt</h1>
          <p className="lede">Files are parsed in your browser; nothing is uploaded.</p>
        </div>
        <ThemeToggle />
      </header>
      <HuntWorkspace />
    </main>
  );
}
