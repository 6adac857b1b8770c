-- Hearth: prosody settings for a self-hosted Jitsi Meet that admits only tokens minted by the hub.
-- Merge into /etc/prosody/conf.avail/meet.example.org.cfg.lua (Debian packages; `apt-get install
-- jitsi-meet-tokens` writes most of it). Replace meet.example.org with your Jitsi host, and "hearth"
-- and the secret with jitsi.appId / jitsi.appSecret from the hub's configuration. docs/video.md explains.

plugin_paths = { "/usr/share/jitsi-meet/prosody-plugins/" }

-- Whose tokens are accepted: iss = the hub's jitsi.appId, aud = "jitsi" (what the hub writes, as one string).
asap_accepted_issuers = { "hearth" }
asap_accepted_audiences = { "jitsi" }

VirtualHost "meet.example.org"
    authentication = "token"
    app_id = "hearth"                                   -- HEARTH_JITSI_APP_ID
    app_secret = "REPLACE-WITH-openssl-rand-hex-32"     -- HEARTH_JITSI_APP_SECRET (>= 32 bytes, same on both sides)
    allow_empty_token = false                           -- no token, no call: nobody can open a room by guessing
    -- The hub signs HS256 (the default); do not switch signature_algorithm.
    -- Keep the modules your installation already lists here (bosh, websocket, ping, ...) and make
    -- sure the lobby is among them:
    --   modules_enabled = { ...; "muc_lobby_rooms"; }
    lobby_muc = "lobby.meet.example.org"
    main_muc = "conference.meet.example.org"

Component "conference.meet.example.org" "muc"
    -- Rooms exist only in memory and vanish when the last person leaves: nothing of a call is stored.
    storage = "memory"
    -- Keep the existing entries (muc_meeting_id, muc_domain_mapper, ...) and add the last three.
    modules_enabled = {
        "muc_meeting_id";
        "muc_domain_mapper";
        "token_verification";  -- a token opens only the room its "room" claim names
        "token_affiliation";   -- context.user.moderator "true" makes the advocate the room's moderator
                               -- (in docker-jitsi-meet's image; elsewhere copy mod_token_affiliation.lua
                               -- from jitsi-contrib/prosody-plugins into the plugin path)
        "muc_max_occupants";   -- two people: the advocate and the survivor
    }
    muc_max_occupants = 2
    muc_access_whitelist = { "focus@auth.meet.example.org" }   -- jicofo does not count
    admins = { "focus@auth.meet.example.org" }
    muc_room_locking = false
    muc_room_default_public_jids = true

Component "lobby.meet.example.org" "muc"
    storage = "memory"
    restrict_room_creation = true
    muc_room_locking = false
    muc_room_default_public_jids = true

-- Logging: prosody logs client addresses at "info". Keep the log at "warn" so that a survivor's IP
-- address is not written on the Jitsi host either (in /etc/prosody/prosody.cfg.lua):
--   log = { warn = "/var/log/prosody/prosody.log"; error = "/var/log/prosody/prosody.err"; }
