#include "app/io/link_opener.hpp"

#include <algorithm>
#include <cctype>

#include <windows.h>

#include <objbase.h>
#include <shellapi.h>

#include "net/wide_text.hpp"

namespace app {
namespace {

/// One argument as the C runtime's command-line parser reads it back: quoted, with the backslashes
/// before a quote doubled (CreateProcessW takes one string, not an argument vector).
std::wstring quoted(const std::wstring& arg) {
    std::wstring out = L"\"";
    std::size_t backslashes = 0;
    for (const wchar_t c : arg) {
        if (c == L'\\') {
            ++backslashes;
            continue;
        }
        out.append(c == L'"' ? backslashes * 2 + 1 : backslashes, L'\\');
        backslashes = 0;
        out.push_back(c);
    }
    out.append(backslashes * 2, L'\\'); // they stand before the closing quote
    out.push_back(L'"');
    return out;
}

/// Runs on a thread of its own: ShellExecuteW may wait on the handler (DDE, a slow browser start).
DWORD WINAPI shellOpen(void* param) {
    const std::wstring* url = static_cast<std::wstring*>(param);
    // As ShellExecute's documentation asks: some handlers are COM objects.
    const HRESULT com = CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE);
    ShellExecuteW(nullptr, L"open", url->c_str(), nullptr, nullptr, SW_SHOWNORMAL);
    if (SUCCEEDED(com)) CoUninitialize();
    delete url;
    return 0;
}

std::string lastError() {
    const DWORD code = GetLastError();
    wchar_t* text = nullptr;
    const DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
                                       FORMAT_MESSAGE_IGNORE_INSERTS,
                                   nullptr, code, 0, reinterpret_cast<wchar_t*>(&text), 0, nullptr);
    std::string message = n ? net::narrow(std::wstring_view(text, n)) : "error " + std::to_string(code);
    LocalFree(text);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    return message;
}

} // namespace

LinkOpener::LinkOpener(std::string program) : m_program(std::move(program)) {
    if (!m_program.empty()) return;
    wchar_t env[MAX_PATH];
    const DWORD n = GetEnvironmentVariableW(L"IMCHAT_OPENER", env, MAX_PATH);
    if (n > 0 && n < MAX_PATH) m_program = net::narrow(std::wstring_view(env, n));
}

LinkOpener::~LinkOpener() {
    reap();
    for (void* h : m_children) CloseHandle(h); // the rest go on by themselves
}

bool LinkOpener::open(const std::string& url, std::string& error) {
    reap();
    // The shell would run a program or open a file named by the text: only web links go to it.
    std::string scheme = url.substr(0, url.find("://") + 3);
    std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (scheme != "http://" && scheme != "https://") {
        error = "not a web link: " + url;
        return false;
    }
    if (m_program.empty()) {
        auto* param = new std::wstring(net::widen(url));
        const HANDLE thread = CreateThread(nullptr, 0, shellOpen, param, 0, nullptr);
        if (!thread) {
            delete param;
            error = "ShellExecute: " + lastError();
            return false;
        }
        m_children.push_back(thread);
        return true;
    }
    std::wstring command = quoted(net::widen(m_program)) + L" " + quoted(net::widen(url));
    STARTUPINFOW startup{};
    startup.cb = sizeof startup;
    PROCESS_INFORMATION process{};
    if (!CreateProcessW(nullptr, command.data(), nullptr, nullptr, FALSE, 0, nullptr, nullptr, &startup,
                        &process)) {
        error = m_program + ": " + lastError();
        return false;
    }
    CloseHandle(process.hThread);
    m_children.push_back(process.hProcess);
    return true;
}

void LinkOpener::reap() {
    std::erase_if(m_children, [](void* h) {
        if (WaitForSingleObject(h, 0) == WAIT_TIMEOUT) return false;
        CloseHandle(h); // done
        return true;
    });
}

} // namespace app
