-- Neovim (0.7) as the client of `tolk lsp`: opens a Russian text and a Dutch-English TSV file,
-- waits for their diagnostics, asks for a hover and a completion, and writes what it received as
-- text to $TOLK_LSP_TRANSCRIPT. run-neovim-test starts it and checks the transcript.
local tolk = assert(os.getenv('TOLK_BINARY'))
local data = assert(os.getenv('TOLK_LSP_DATA'))
local work = assert(os.getenv('TOLK_LSP_WORK'))
local transcript_path = assert(os.getenv('TOLK_LSP_TRANSCRIPT'))

local lines = {}
local function say(text)
  table.insert(lines, text)
end

local severities = { 'error', 'warning', 'info', 'hint' }
local received = {}

local function main()
  local client_id = vim.lsp.start_client({
    name = 'tolk',
    cmd = { tolk, '--data', data, 'lsp', '--debounce', '50' },
    root_dir = work,
    init_options = { termbases = { 'legal' }, targetLanguage = 'en' },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        received[vim.uri_to_fname(result.uri)] = result.diagnostics
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'tolk lsp did not start')

  local function open(name)
    vim.cmd('edit ' .. vim.fn.fnameescape(work .. '/' .. name))
    local buffer = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(buffer, client_id)
    return buffer
  end

  local function wait_for_diagnostics(name, buffer)
    local path = work .. '/' .. name
    assert(vim.wait(30000, function() return received[path] ~= nil end, 20),
      'no diagnostics for ' .. name)
    say('diagnostics ' .. name .. ': ' .. #received[path])
    for _, d in ipairs(received[path]) do
      say(string.format('  %d:%d-%d:%d %s [%s] %s', d.range.start.line, d.range.start.character,
        d.range['end'].line, d.range['end'].character, severities[d.severity] or '?',
        tostring(d.code), d.message))
    end
    -- What Neovim itself made of them.
    say('  vim.diagnostic: ' .. #vim.diagnostic.get(buffer))
  end

  local function hover(name, buffer, line, character)
    local responses = vim.lsp.buf_request_sync(buffer, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(buffer) },
      position = { line = line, character = character },
    }, 30000)
    local result = responses and responses[client_id] and responses[client_id].result
    assert(result, 'no hover in ' .. name)
    say(string.format('hover %s %d:%d:', name, line, character))
    for _, text in ipairs(vim.split(result.contents.value, '\n')) do
      say('  ' .. text)
    end
  end

  local function completion(name, buffer, line, character)
    local responses = vim.lsp.buf_request_sync(buffer, 'textDocument/completion', {
      textDocument = { uri = vim.uri_from_bufnr(buffer) },
      position = { line = line, character = character },
    }, 30000)
    local result = responses and responses[client_id] and responses[client_id].result
    assert(result, 'no completion in ' .. name)
    local labels = {}
    for _, item in ipairs(result.items or result) do
      table.insert(labels, item.label)
    end
    say(string.format('completion %s %d:%d: %s', name, line, character,
      table.concat(labels, ' | ')))
  end

  local russian = open('verklaring.ru.txt')
  wait_for_diagnostics('verklaring.ru.txt', russian)
  hover('verklaring.ru.txt', russian, 1, 14)
  completion('verklaring.ru.txt', russian, 2, 6)

  local english = open('statement.en.txt')
  wait_for_diagnostics('statement.en.txt', english)

  local dutch = open('verhoor.tsv')
  wait_for_diagnostics('verhoor.tsv', dutch)
  hover('verhoor.tsv', dutch, 1, 30)
  completion('verhoor.tsv', dutch, 2, 5)

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end

local ok, problem = pcall(main)
if not ok then
  say('ERROR ' .. tostring(problem))
end
vim.fn.writefile(lines, transcript_path)
vim.cmd(ok and 'qall!' or 'cquit! 1')
