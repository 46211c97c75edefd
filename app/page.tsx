import { UploadPanel } from '@/components/upload/upload-panel';

export default function HomePage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>DNS Hunt</h1>
        <p className="lede">Files are parsed in your browser; nothing is uploaded.</p>
      </header>
      <UploadPanel />
    </main>
  );
}
