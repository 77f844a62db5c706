#pragma once
// The UI's words in Simplified Chinese and English. Each text is a printf format when it takes values
// (documented per field); the language comes from --lang or the locale variables.
#include <optional>
#include <string>
#include <string_view>

namespace app {

enum class Lang { Zh, En };

/// Every user-visible string of the window.
struct Strings {
    const char* historySeparator;
    const char* joined;        // %s name, %u online
    const char* left;          // %s name, %u online
    const char* manyJoined;    // %u how many, %s the first names, %u online
    const char* manyLeft;      // %u how many, %s the first names, %u online
    const char* joinedAndLeft; // %u joined, %s their first names, %u left, %s theirs, %u online
    const char* enterName;     // the lab's empty-name prompt
    const char* emptyMessage;  // the lab's empty-message prompt
    const char* storedOffline; // a private message waiting in the recipient's mailbox
    const char* privateTo;     // %s peer: label of a private message we sent
    const char* privateFrom;   // %s peer: label of a private message we received
    const char* roomTab;
    const char* send;
    const char* server;
    const char* name;
    const char* connect;
    const char* stateConnecting;   // %s endpoint
    const char* stateJoining;      // %s endpoint
    const char* stateOnline;       // %s name, %s endpoint
    const char* stateReconnecting; // %d seconds, %s reason
    const char* stateOffline;      // %s reason
    const char* stateNoName;
    const char* alreadyConnected;   // %s endpoint, %s name
    const char* privateWithOnline;  // %s peer: above a private conversation
    const char* privateWithOffline; // %s peer
    const char* notifyPrivate;      // %s sender: a desktop notification's title
    const char* notifyMention;      // %s sender
    const char* notificationsSetting;
    const char* notificationsUnavailable; // why the setting is greyed out where the platform has none
    const char* reply;
    const char* replyingTo; // %s name, %s the start of the message answered
    const char* quoteNotLoaded;
    const char* usersTitle; // %u count
    const char* you;
    const char* newMessages; // %u count
    const char* notSent;     // %s reason
    const char* outboxFull;
    const char* reconnected;
    const char* missedWhileAway; // %llu count
    const char* loadingOlder;
    const char* historyStart;
    const char* msgUsage;
    const char* meUsage;
    const char* nickUsage;
    const char* unknownCommand; // %s the command typed
    const char* helpText;       // the /help note, several lines

    const char* closeTab;
    const char* nameTaken;   // %s name
    const char* invalidName; // %s name
    const char* textTooLong;
    const char* rateLimited;
    const char* invalidText;
    const char* storageFailed;
    const char* invalidRecipient;
    const char* badServer;     // %s what was typed
    const char* textTooLongBy; // %zu characters to remove, %u byte limit
    const char* bytesLeft;     // %zu bytes left before the limit
    const char* charsOver;     // %zu characters over the limit
    const char* unreadMarker;  // label of the line above the first unread message
    const char* find;          // the search box's label
    const char* searchCount;   // %zu current hit (1 = newest), %zu hits
    const char* searchNone;
    const char* searching; // shown while the backlog is still being searched
    const char* copyText;
    const char* copyWithStamp;
    const char* copySelected; // %zu selected messages
    const char* copyAll;
    const char* saveTranscript;
    const char* openLink;
    const char* copyLink;
    const char* save;
    const char* cancel;
    const char* transcriptSaved;  // %s path
    const char* transcriptFailed; // %s path, %s reason
    const char* openFailed;       // %s reason
    const char* settings;
    const char* darkTheme;
    const char* showTimestamps;
    const char* language;
    const char* fontSize; // %.0f pixels
    const char* notEncrypted;
    const char* signedInBadge;
    const char* readOnlyBadge;   // the room takes no messages now (a cluster whose engine is down)
    const char* stateKeyUnknown; // %s endpoint
    const char* stateKeyChanged; // %s endpoint
    const char* trustTitle;
    const char* trustExplain; // %s endpoint
    const char* trust;
    const char* keyChangedTitle;
    const char* keyChangedExplain; // %s endpoint
    const char* keyChangedHow;     // %s file
    const char* keyWas;
    const char* keyNow;
    const char* keyChecked;
    const char* trustNewKey;
    const char* loginTitle;
    const char* loginExplain; // %s name
    const char* password;
    const char* rememberMe;
    const char* signIn;
    const char* registerTitle;
    const char* registerExplain; // %s name
    const char* newPassword;
    const char* repeatPassword;
    const char* registerButton;
    const char* registerName;
    const char* changePassword;
    const char* changePasswordTitle;
    const char* oldPassword;
    const char* passwordsDiffer;
    const char* registered; // %s name
    const char* passwordChanged;
    const char* authRequired;
    const char* badCredentials;
    const char* loginThrottled;
    const char* registrationRequired;
    const char* alreadyRegistered;
    const char* weakPassword;
    const char* accountsDisabled;
    const char* recipientOffline;
    const char* signedOut;
    const char* mailboxFull;
    const char* notConnected;
    const char* keyDeclined;
    // Why a connection ended (net::DisconnectCause) and the server's errors not listed above.
    const char* reasonLost;           // the link dropped
    const char* reasonResolve;        // %s host
    const char* reasonRefused;        // %s endpoint
    const char* reasonUnreachable;    // %s host
    const char* reasonConnectTimeout; // %s endpoint
    const char* reasonConnectFailed;  // %s endpoint, %s the system's words
    const char* reasonTls;            // %s endpoint
    const char* reasonNoWelcome;      // %s endpoint
    const char* reasonServerClosed;
    const char* reasonBadFrame;
    const char* reasonSilent;
    const char* reasonGoodbye;
    const char* reasonInternal; // %s what failed
    const char* errProtocol;    // %s the error's name
    const char* errFlooding;
    const char* errServerFull;
    const char* errTooManyFromIp;
    const char* errTimeout;
    const char* errSlowReader;
    const char* errShuttingDown;
    const char* errReplaced;
    const char* sending;      // a message of ours not yet stored by the server
    const char* notSentRetry; // a message of ours the server refused
    const char* retry;
    const char* usersStale; // under the user list's title while the link is down
    // The rooms announced on the local network (the connect bar's list).
    const char* roomsNearby;        // %u how many: the button that opens the list
    const char* roomsTitle;         // the list's heading
    const char* roomsNone;          // nothing found (yet)
    const char* roomsNoDaemon;      // Avahi's daemon does not answer
    const char* roomOnline;         // %u people
    const char* roomEncrypted;      // beside notEncrypted
    const char* roomServers;        // %u how many: a room served by several machines (a cluster)
    const char* roomNewerVersion;   // the room speaks a protocol this window does not
    const char* roomKey;            // %s fingerprint, shortened: shown to compare, never trusted by itself
    const char* roomNeedsPlaintext; // %s room: a plaintext-only room, clicked without --plaintext
    const char* labUser;            // a user of the lab's own client (--legacy-port): what its "(lab)" means
};

/// The table for a language.
const Strings& strings(Lang lang);

/// Every string of the table, concatenated (to seed the font atlas with the UI's characters).
std::string allStrings(Lang lang);

/// "zh", "zh_CN.UTF-8", "en", "C"... → a language; nullopt when the value names neither.
std::optional<Lang> parseLang(std::string_view value);

/// The language from the first set of LANGUAGE, LC_ALL, LC_MESSAGES, LANG (values given, may be null);
/// English when none names Chinese.
Lang detectLang(const char* language, const char* lcAll, const char* lcMessages, const char* lang);

/// detectLang over the process environment.
Lang detectLangFromEnvironment();

/// printf into a std::string.
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

} // namespace app
