// The VS Code client of tolk's language server: starts `tolk lsp` on stdio with the workspace,
// termbases and TMs of the settings, and passes the other settings as initializationOptions and,
// when they change, as workspace/didChangeConfiguration.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function dataDirectory(settings: vscode.WorkspaceConfiguration): string | undefined {
  const configured = settings.get<string>('dataDirectory', '');
  if (configured) {
    return configured;
  }
  if (process.env.TOLK_DATA) {
    return undefined; // tolk reads $TOLK_DATA itself
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, 'tolk-data') : undefined;
}

function serverSettings(settings: vscode.WorkspaceConfiguration): Record<string, unknown> {
  return {
    termbases: settings.get<string[]>('termbases', ['legal']),
    tms: settings.get<string[]>('tms', []),
    language: settings.get<string>('language', ''),
    targetLanguage: settings.get<string>('targetLanguage', ''),
    checks: settings.get<string[]>('checks', []),
    severities: settings.get<Record<string, string>>('severities', {}),
  };
}

async function start(): Promise<void> {
  const settings = vscode.workspace.getConfiguration('tolk');
  const args: string[] = [];
  const data = dataDirectory(settings);
  if (data) {
    args.push('--data', data);
  }
  args.push('lsp');
  const run = { command: settings.get<string>('path', 'tolk'), args, transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/*.{po,pot,xlf,xliff,sdlxliff,tsv,tab}' },
    ],
    initializationOptions: serverSettings(settings),
    synchronize: { configurationSection: 'tolk' },
  };
  client = new LanguageClient('tolk', 'tolk', serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The program, the workspace folder and the stores are fixed when the server starts.
      if (
        event.affectsConfiguration('tolk.path') ||
        event.affectsConfiguration('tolk.dataDirectory')
      ) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
