; Inno Setup script: a per-user CommsDesk installer, no administrator rights (UNTESTED: no Windows
; machine here; see docs/packaging.md). Built by .github/workflows/release.yml:
;   iscc /DAppVersion=0.1.0 /DSourceDir=build\dist\commsdesk packaging\windows\commsdesk.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\dist\commsdesk"
#endif

[Setup]
AppId={{6C0B5E64-0C9A-4E59-9D3B-2B7C3B3C1A5E}
AppName=CommsDesk
AppVersion={#AppVersion}
AppPublisher=CommsDesk contributors
AppPublisherURL=https://github.com/commsdesk/commsdesk
DefaultDirName={localappdata}\Programs\CommsDesk
DefaultGroupName=CommsDesk
DisableProgramGroupPage=yes
; Per user: installs into the user's own folders, never asks for administrator rights.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=commsdesk-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\commsdesk.ico
UninstallDisplayIcon={app}\commsdesk.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
LicenseFile=..\..\LICENSE

[Languages]
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\CommsDesk"; Filename: "{app}\commsdesk.exe"
Name: "{autodesktop}\CommsDesk"; Filename: "{app}\commsdesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\commsdesk.exe"; Description: "{cm:LaunchProgram,CommsDesk}"; Flags: nowait postinstall skipifsilent

; The vault and settings live in the user's AppData and are never removed by the uninstaller.
