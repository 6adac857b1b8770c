package org.hearthhub.console;

import org.hearthhub.settings.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh hub per test with a signed-in lead ("lena") talking to the console APIs over HTTP. */
abstract class LeadApiTestBase {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lead;

    @BeforeEach
    void signInLead() throws Exception {
        client = new ConsoleClient(hub);
        lead = client.account("lena", Role.LEAD);
    }
}
