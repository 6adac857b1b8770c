/* Hearth: settings for /etc/jitsi/meet/meet.example.org-config.js (merge them into `config`).
   The hub's widget also asks for camera-off and prejoin per call, but the server's own defaults
   protect the calls opened in a new tab too. Option names are those of current jitsi-meet releases;
   check them against the commented config.js your version ships. */
var hearthOverrides = {
    // Nobody is on camera by surprise: everyone starts with video off and sees the prejoin page
    // (camera and microphone check, display name from the token) before entering.
    startWithVideoMuted: true,
    prejoinConfig: { enabled: true, hideDisplayName: false },
    readOnlyName: true,                // the name comes from the token ("Guest" for the survivor)
    requireDisplayName: false,

    // Lobby: a participant waits until the moderator (the advocate) admits them, once the advocate
    // enables it from the security menu. autoKnock asks at once instead of waiting for a click.
    lobby: { autoKnock: true, enableChat: false },

    // End of the meeting: hanging up closes the call (the widget then closes its panel) instead of
    // offering the welcome page with its list of recent rooms.
    enableWelcomePage: false,
    enableClosePage: false,
    doNotStoreRoom: true,              // no "recent rooms" on a survivor's device (tab mode)
    disableDeepLinking: true,          // never push the mobile app; the browser is enough

    // Nothing leaves the two people in the call.
    recordingService: { enabled: false, sharingEnabled: false },
    localRecording: { disable: true },
    liveStreaming: { enabled: false },
    transcription: { enabled: false },
    fileRecordingsEnabled: false,      // older releases
    liveStreamingEnabled: false,       // older releases
    disableInviteFunctions: true,      // no invite link, no dial-out
    disableThirdPartyRequests: true,   // no gravatar or other third-party lookups
    analytics: { disabled: true },
    gravatar: { disabled: true },
    giphy: { enabled: false }
};
// e.g. at the end of the file: Object.assign(config, hearthOverrides);
