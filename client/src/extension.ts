// The ClaimNote VS Code extension: starts the bundled language server and stays out of the way.
import * as path from 'node:path';
import { commands, ExtensionContext, window, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, State } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const output = window.createOutputChannel('ClaimNote');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'claimnote' }],
    synchronize: { configurationSection: 'claimnote' },
    outputChannel: output,
    // retriggerCommand: after a keyword is completed, completion opens again for its argument
    initializationOptions: { settings: workspace.getConfiguration('claimnote'), retriggerCommand: 'editor.action.triggerSuggest' },
  };
  client = new LanguageClient('claimnote', 'ClaimNote', serverOptions, clientOptions);
  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) output.appendLine('ClaimNote language server stopped; it restarts on its own, or run "ClaimNote: Restart Language Server".');
  });
  context.subscriptions.push(
    output,
    commands.registerCommand('claimnote.restartServer', async () => {
      if (!client) return;
      output.appendLine('Restarting the ClaimNote language server...');
      await client.restart();
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
