/** The host's support page the troubleshooting links to (a placeholder in this example). */
export function SupportPage() {
  return (
    <main className="page">
      <h1>Contact support</h1>
      <p>
        This is where your 1smart.link dashboard would put you in touch with support. Mention the connection
        and what the dashboard showed.
      </p>
    </main>
  );
}
