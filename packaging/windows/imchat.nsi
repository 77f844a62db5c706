; imchat's per-user Windows installer (NSIS 3). UTF-8 with a BOM, so makensis reads the Chinese strings as such.
; cmake/WindowsPackaging.cmake (target windows-packages) runs it as
;   makensis -DIMCHAT_VERSION=0.1.0 -DIMCHAT_STAGE=<staged folder> -DIMCHAT_OUTFILE=<setup.exe> [-DIMCHAT_ICON=<.ico>] imchat.nsi
; The stage holds imchat.exe, imchat-server.exe, README.txt and licences\*.txt. No admin rights needed;
; setup.exe /S installs silently, /D=<folder> (last argument) elsewhere; Uninstall.exe /S removes silently.

!ifndef IMCHAT_VERSION
    !error "pass -DIMCHAT_VERSION=x.y.z"
!endif
!ifndef IMCHAT_STAGE
    !error "pass -DIMCHAT_STAGE=<folder holding the files to install>"
!endif
!ifndef IMCHAT_OUTFILE
    !error "pass -DIMCHAT_OUTFILE=<path of the setup .exe>"
!endif

Unicode true
; Debian's makensis makes a 32-bit installer by default, which a 64-bit-only Wine cannot start.
Target amd64-unicode
SetCompressor /SOLID lzma

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\imchat"

Name "imchat"
OutFile "${IMCHAT_OUTFILE}"
; Per user, where Windows itself puts per-user programs: no admin, no UAC prompt.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\imchat"
; An update goes where the last install went.
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
ManifestDPIAware true
BrandingText "imchat ${IMCHAT_VERSION}"

!include MUI2.nsh

!ifdef IMCHAT_ICON
    !define MUI_ICON "${IMCHAT_ICON}"
    !define MUI_UNICON "${IMCHAT_ICON}"
!endif
!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\imchat.exe"
!define MUI_FINISHPAGE_SHOWREADME "$INSTDIR\README.txt"
!define MUI_FINISHPAGE_SHOWREADME_NOTCHECKED
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; No language dialog: NSIS takes Windows' display language when it has it, else the first one, English.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString StillRunning ${LANG_ENGLISH} "imchat or imchat-server is still running. Close it (the server: close its window), then choose Retry."
LangString StillRunning ${LANG_SIMPCHINESE} "imchat 或 imchat-server 仍在运行。请先关闭它（服务器：关闭它的窗口），再点“重试”。"

; No LegalCopyright: the project names no copyright holder to put there.
!pragma warning disable 9100
VIProductVersion "${IMCHAT_VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "imchat"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "imchat setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${IMCHAT_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${IMCHAT_VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "imchat"

Section "imchat" SecImchat
    SetOutPath "$INSTDIR"
    File "${IMCHAT_STAGE}\imchat.exe"
    File "${IMCHAT_STAGE}\imchat-server.exe"
    File "${IMCHAT_STAGE}\README.txt"
    SetOutPath "$INSTDIR\licences"
    ; An update must not leave the licence of a library that is no longer inside.
    Delete "$INSTDIR\licences\*.txt"
    File "${IMCHAT_STAGE}\licences\*.txt"
    WriteUninstaller "$INSTDIR\Uninstall.exe"

    ; A shortcut starts in the current output folder: the install folder.
    SetOutPath "$INSTDIR"
    CreateDirectory "$SMPROGRAMS\imchat"
    CreateShortCut "$SMPROGRAMS\imchat\imchat.lnk" "$INSTDIR\imchat.exe"
    CreateShortCut "$SMPROGRAMS\imchat\imchat-server.lnk" "$INSTDIR\imchat-server.exe"
    CreateShortCut "$SMPROGRAMS\imchat\README.lnk" "$INSTDIR\README.txt"
    CreateShortCut "$DESKTOP\imchat.lnk" "$INSTDIR\imchat.exe"

    ; "Installed apps" in Settings lists it from here.
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "imchat"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${IMCHAT_VERSION}"
    WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "imchat"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\imchat.exe"
    WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
    WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
    WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
    ; In KiB: what this section put there, not whatever else a chosen folder holds.
    SectionGetSize ${SecImchat} $0
    WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

; Removes exactly what the section above made. The user's settings (%APPDATA%\imchat) and the server's
; data (%LOCALAPPDATA%\imchat) are not the installer's and stay (README.txt says so).
Section "Uninstall"
    ; A running program's file cannot be deleted. Ask first, so that on Cancel Uninstall.exe and the
    ; registry entry are still there for another try.
retry:
    ClearErrors
    Delete "$INSTDIR\imchat.exe"
    Delete "$INSTDIR\imchat-server.exe"
    IfErrors 0 programs_gone
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" /SD IDCANCEL IDRETRY retry
        Abort
programs_gone:
    Delete "$INSTDIR\README.txt"
    Delete "$INSTDIR\licences\*.txt"
    RMDir "$INSTDIR\licences"
    Delete "$INSTDIR\Uninstall.exe"
    ; Not /r: a folder the user chose may hold files of their own.
    RMDir "$INSTDIR"

    Delete "$DESKTOP\imchat.lnk"
    Delete "$SMPROGRAMS\imchat\imchat.lnk"
    Delete "$SMPROGRAMS\imchat\imchat-server.lnk"
    Delete "$SMPROGRAMS\imchat\README.lnk"
    RMDir "$SMPROGRAMS\imchat"
    DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd
