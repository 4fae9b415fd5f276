package vn.dancu.api.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dancu.api.CubeFixture;
import vn.dancu.api.audit.AuditEntry;
import vn.dancu.api.audit.AuditLog;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MyReportsApiTest
{
    private static final List<String> USERS = List.of("admin", "thongke", "lanhdao", "quyhoach", "xa-dakkoi");
    private static final String BOM = "\uFEFF";

    @TempDir
    Path data;

    /** Version v1: month ends 30/09 and 31/10/2026. */
    private void publishV1() throws Exception
    {
        CubeFixture stock = new CubeFixture("population_stock");
        for (String date : List.of("2026-09-30", "2026-10-31")) {
            stock.row(date, "23479", "M", 30, "14", "PERMANENT", 100)
                    .row(date, "23479", "F", 31, "14", "PERMANENT", 120)
                    .row(date, "23485", "M", 5, "01", "PERMANENT", 50)
                    .row(date, "23485", "F", 70, "13", "TEMPORARY", 30);
        }
        stock.publish(data, "v1", "konray");
    }

    /** Version v2: 31/10 and 30/11/2026 (30/09 is gone), with new figures at 30/11. */
    private void publishV2() throws Exception
    {
        new CubeFixture("population_stock")
                .row("2026-10-31", "23479", "M", 30, "14", "PERMANENT", 100)
                .row("2026-10-31", "23479", "F", 31, "14", "PERMANENT", 120)
                .row("2026-10-31", "23485", "M", 5, "01", "PERMANENT", 50)
                .row("2026-10-31", "23485", "F", 70, "13", "TEMPORARY", 30)
                .row("2026-11-30", "23479", "M", 30, "14", "PERMANENT", 102)
                .row("2026-11-30", "23479", "F", 31, "14", "PERMANENT", 121)
                .row("2026-11-30", "23485", "M", 5, "01", "PERMANENT", 51)
                .row("2026-11-30", "23485", "F", 70, "13", "TEMPORARY", 31)
                .publish(data, "v2", "konray");
    }

    private static long save(MyReportsHarness server, String user, String name, String query)
    {
        HttpResponse<String> saved = server.send(user, "POST", "/api/v1/saved-tables",
                "{\"name\": " + quote(name) + ", \"query\": " + quote(query) + "}");
        assertEquals(201, saved.statusCode(), saved.body());
        return MyReportsHarness.json(saved).get("id").asLong();
    }

    private static String quote(String text)
    {
        try {
            return MyReportsHarness.JSON.writeValueAsString(text);
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyAccountSeesOnlyItsOwnSavedTablesAndEveryOtherAccountsTableAnswers404() throws Exception
    {
        publishV1();
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.empty())) {
            Map<String, Long> ids = new java.util.LinkedHashMap<>();
            for (String user : USERS) {
                ids.put(user, save(server, user, "Dân số " + user, "cube=population_stock&dims=commune,sex"));
            }
            assertEquals(401, server.send(null, "GET", "/api/v1/saved-tables", null).statusCode());
            assertEquals("saved tables belong to an account: log in (POST /api/v1/auth/login) or send an API token",
                    MyReportsHarness.title(server.send(null, "POST", "/api/v1/saved-tables", "{\"name\": \"x\", \"query\": \"cube=births\"}")));
            int pairs = 0;
            for (String reader : USERS) {
                JsonNode list = MyReportsHarness.json(server.send(reader, "GET", "/api/v1/saved-tables", null)).get("savedTables");
                List<String> owners = new ArrayList<>();
                list.forEach(table -> owners.add(table.get("owner").asText()));
                assertEquals(reader.equals("admin") ? List.of("admin", "lanhdao", "quyhoach", "thongke", "xa-dakkoi") : List.of(reader), owners);
                for (String owner : USERS) {
                    if (owner.equals(reader)) {
                        continue;
                    }
                    long id = ids.get(owner);
                    String notFound = "saved table " + id + " not found";
                    HttpResponse<String> read = server.send(reader, "GET", "/api/v1/saved-tables/" + id, null);
                    if (reader.equals("admin")) {
                        assertEquals(200, read.statusCode(), read.body());
                        assertEquals(owner, MyReportsHarness.json(read).get("owner").asText());
                    }
                    else {
                        assertEquals(404, read.statusCode(), reader + " read " + owner);
                        assertEquals(notFound, MyReportsHarness.title(read));
                        HttpResponse<String> delete = server.send(reader, "DELETE", "/api/v1/saved-tables/" + id, null);
                        assertEquals(404, delete.statusCode(), reader + " deleted " + owner);
                        assertEquals(notFound, MyReportsHarness.title(delete));
                    }
                    HttpResponse<String> rename = server.send(reader, "PATCH", "/api/v1/saved-tables/" + id, "{\"name\": \"taken over\"}");
                    assertEquals(404, rename.statusCode(), reader + " renamed " + owner);
                    assertEquals(notFound, MyReportsHarness.title(rename));
                    HttpResponse<String> render = server.send(reader, "GET", "/api/v1/saved-tables/" + id + "/data?format=csv", null);
                    assertEquals(404, render.statusCode(), reader + " rendered " + owner);
                    assertEquals(notFound, MyReportsHarness.title(render));
                    HttpResponse<String> subscribe = server.send(reader, "POST", "/api/v1/subscriptions",
                            "{\"savedTableId\": " + id + ", \"formats\": [\"csv\"]}");
                    assertEquals(404, subscribe.statusCode(), reader + " subscribed to " + owner);
                    pairs++;
                }
            }
            assertEquals(20, pairs);
            // nothing changed: every table still has its owner's name
            for (String user : USERS) {
                JsonNode table = MyReportsHarness.json(server.send(user, "GET", "/api/v1/saved-tables/" + ids.get(user), null));
                assertEquals("Dân số " + user, table.get("name").asText());
            }
            // the owner renames and deletes; the admin deletes anyone's
            HttpResponse<String> renamed = server.send("quyhoach", "PATCH", "/api/v1/saved-tables/" + ids.get("quyhoach"), "{\"name\": \"Dân số theo xã\"}");
            assertEquals(200, renamed.statusCode(), renamed.body());
            assertEquals("Dân số theo xã", MyReportsHarness.json(renamed).get("name").asText());
            assertEquals(204, server.send("lanhdao", "DELETE", "/api/v1/saved-tables/" + ids.get("lanhdao"), null).statusCode());
            assertEquals(204, server.send("admin", "DELETE", "/api/v1/saved-tables/" + ids.get("thongke"), null).statusCode());
            assertEquals(404, server.send("thongke", "GET", "/api/v1/saved-tables/" + ids.get("thongke"), null).statusCode());
            assertEquals(3, MyReportsHarness.json(server.send("admin", "GET", "/api/v1/saved-tables", null)).get("savedTables").size());
        }
    }

    @Test
    void theServerAnswersEveryRouteOfMyReportsThatTheOpenApiDescriptionLists() throws Exception
    {
        publishV1();
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.empty())) {
            JsonNode openApi = MyReportsHarness.json(server.send(null, "GET", "/api/v1/openapi.json", null));
            java.util.Set<String> described = new java.util.TreeSet<>();
            openApi.get("paths").fieldNames().forEachRemaining(path -> {
                if (path.matches("/(saved-tables|subscriptions|deliveries|admin/subscriptions)(/.*)?")) {
                    openApi.get("paths").get(path).fieldNames().forEachRemaining(method -> described.add(method.toUpperCase() + " /api/v1" + path));
                }
            });
            java.util.Set<String> routes = new java.util.TreeSet<>();
            server.server.unsafe.internalRouter.allHttpHandlers().forEach(handler -> {
                String path = handler.endpoint.path;
                if (path.matches("/api/v1/(saved-tables|subscriptions|deliveries|admin/subscriptions)(/.*)?")) {
                    routes.add(handler.endpoint.method.name() + " " + path);
                }
            });
            assertEquals(12, described.size(), described.toString());
            assertEquals(described, routes);
        }
    }

    @Test
    void badSavedTablesAndSubscriptionsAreRefusedNamingTheField() throws Exception
    {
        publishV1();
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.empty())) {
            save(server, "quyhoach", "Bảng 1", "cube=population_stock");
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("{\"query\": \"cube=population_stock\"}",
                    "invalid parameter 'name': missing; give the table a name of 1 to 100 characters");
            expected.put("{\"name\": \"   \", \"query\": \"cube=population_stock\"}",
                    "invalid parameter 'name': missing; give the table a name of 1 to 100 characters");
            expected.put("{\"name\": \"" + "a".repeat(101) + "\", \"query\": \"cube=population_stock\"}",
                    "invalid parameter 'name': is 101 characters long; at most 100");
            expected.put("{\"name\": \"x\", \"query\": \"dims=commune\"}",
                    "invalid parameter 'query': has no cube parameter; a saved table names its cube, e.g. cube=population_stock");
            expected.put("{\"name\": \"x\", \"query\": \"cube=a&cube=b\"}", "invalid parameter 'query': gives cube 2 times; give it once");
            expected.put("{\"name\": \"x\", \"query\": \"cube=population_stock&dims=%ZZ\"}",
                    "invalid parameter 'query': is not a URL query string: '%ZZ' is not valid percent-encoding");
            expected.put("{\"name\": \"x\", \"query\": \"cube=population_stock&&dims=sex\"}",
                    "invalid parameter 'query': is not a URL query string: an empty item between '&'");
            expected.put("{\"name\": \"x\", \"query\": \"cube=population_stock&dims=" + "a".repeat(3974) + "\"}",
                    "invalid parameter 'query': is 4001 characters long; at most 4000");
            expected.put("{\"name\": \"x\"}",
                    "invalid parameter 'query': missing; give the table's URL query string, e.g. cube=population_stock&dims=commune,sex");
            expected.put("{\"name\": \"x\", \"query\": \"cube=births\", \"owner\": \"admin\"}",
                    "invalid parameter 'owner': unknown field; allowed: name, query");
            expected.put("{\"name\": 5, \"query\": \"cube=births\"}", "invalid parameter 'name': must be a string");
            expected.put("[1]", "invalid parameter 'body': the request body must be a JSON object");
            for (Map.Entry<String, String> bad : expected.entrySet()) {
                HttpResponse<String> answer = server.send("quyhoach", "POST", "/api/v1/saved-tables", bad.getKey());
                assertEquals(400, answer.statusCode(), bad.getKey());
                assertEquals(bad.getValue(), MyReportsHarness.title(answer), bad.getKey());
            }
            HttpResponse<String> twice = server.send("quyhoach", "POST", "/api/v1/saved-tables", "{\"name\": \" Bảng 1 \", \"query\": \"cube=births\"}");
            assertEquals(409, twice.statusCode());
            assertEquals("you already have a saved table named 'Bảng 1'; choose another name, or rename or delete that table", MyReportsHarness.title(twice));
            // the same name is free for another account
            save(server, "lanhdao", "Bảng 1", "cube=population_stock");
            assertEquals(1, MyReportsHarness.json(server.send("quyhoach", "GET", "/api/v1/saved-tables", null)).get("savedTables").size());
            long id = MyReportsHarness.json(server.send("quyhoach", "GET", "/api/v1/saved-tables", null)).get("savedTables").get(0).get("id").asLong();

            Map<String, String> subscriptions = new java.util.LinkedHashMap<>();
            subscriptions.put("{\"formats\": [\"csv\"]}", "invalid parameter 'savedTableId': give either savedTableId (a saved table of yours) or report, not neither");
            subscriptions.put("{\"savedTableId\": " + id + ", \"report\": {\"kind\": \"monthly\"}, \"formats\": [\"csv\"]}",
                    "invalid parameter 'savedTableId': give either savedTableId (a saved table of yours) or report, not both");
            subscriptions.put("{\"savedTableId\": " + id + ", \"formats\": [\"pdf\"]}", "invalid parameter 'formats': 'pdf' is not allowed; allowed: csv, xlsx, json-stat, sdmx-csv");
            subscriptions.put("{\"savedTableId\": " + id + "}", "invalid parameter 'formats': missing; give at least one format; allowed: csv, xlsx, json-stat, sdmx-csv");
            subscriptions.put("{\"savedTableId\": " + id + ", \"formats\": [\"csv\", \"csv\"]}",
                    "invalid parameter 'formats': a format is given twice; allowed: csv, xlsx, json-stat, sdmx-csv");
            subscriptions.put("{\"savedTableId\": " + id + ", \"formats\": [\"csv\"], \"email\": \"quyhoach at konray\"}",
                    "invalid parameter 'email': 'quyhoach at konray' is not an e-mail address (name@example.vn)");
            subscriptions.put("{\"savedTableId\": " + id + ", \"formats\": [\"csv\"], \"email\": \"a@b.vn, c@d.vn\"}",
                    "invalid parameter 'email': 'a@b.vn, c@d.vn' is not an e-mail address (name@example.vn)");
            subscriptions.put("{\"report\": {\"kind\": \"weekly\"}, \"formats\": [\"xlsx\"]}",
                    "invalid parameter 'kind': 'weekly' is not allowed; allowed: monthly, annual");
            subscriptions.put("{\"report\": {\"kind\": \"monthly\", \"period\": \"2026\"}, \"formats\": [\"xlsx\"]}",
                    "invalid parameter 'period': '2026' is neither latest nor a month yyyy-MM, e.g. 2026-10");
            subscriptions.put("{\"report\": {\"kind\": \"annual\"}, \"formats\": [\"json-stat\"]}",
                    "invalid parameter 'formats': 'json-stat' is not allowed; allowed: xlsx, pdf, csv");
            for (Map.Entry<String, String> bad : subscriptions.entrySet()) {
                HttpResponse<String> answer = server.send("quyhoach", "POST", "/api/v1/subscriptions", bad.getKey());
                assertEquals(400, answer.statusCode(), bad.getKey());
                assertEquals(bad.getValue(), MyReportsHarness.title(answer), bad.getKey());
            }
            assertEquals(0, MyReportsHarness.json(server.send("quyhoach", "GET", "/api/v1/subscriptions", null)).get("subscriptions").size());
        }
    }

    @Test
    void aSavedTableRendersTheCubeExportOfItsOwnerAtTheStableUrl() throws Exception
    {
        publishV1();
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.empty())) {
            long planner = save(server, "quyhoach", "Dân số theo xã và giới tính", "cube=population_stock&dims=commune,sex&lang=en");
            long commune = save(server, "xa-dakkoi", "Đăk Kôi", "cube=population_stock&dims=commune,sex&lang=en");
            HttpResponse<byte[]> csv = server.bytes("quyhoach", "/api/v1/saved-tables/" + planner + "/data?format=csv");
            assertEquals(200, csv.statusCode());
            assertEquals("attachment; filename=\"population_stock_2026-10-31.csv\"", csv.headers().firstValue("Content-Disposition").orElseThrow());
            // the same bytes as the cube export of the same question
            HttpResponse<byte[]> export = server.bytes("quyhoach", "/api/v1/cubes/population_stock/export?format=csv&dims=commune,sex&lang=en");
            assertArrayEquals(export.body(), csv.body());
            String text = new String(csv.body(), StandardCharsets.UTF_8);
            assertTrue(text.startsWith(BOM + "unit,"), text);
            assertEquals(List.of(BOM + "unit,Administrative unit,sex,Sex,population,population_status", "23479,Đăk Rve commune,M,Male,100,ok",
                    "23479,Đăk Rve commune,F,Female,120,ok", "23485,Đăk Kôi commune,M,Male,50,ok", "23485,Đăk Kôi commune,F,Female,30,ok"), text.lines().toList());
            assertEquals(List.of("100", "120", "50", "30"), populations(text));
            String scoped = new String(server.bytes("xa-dakkoi", "/api/v1/saved-tables/" + commune + "/data").body(), StandardCharsets.UTF_8);
            assertEquals(List.of("50", "30"), populations(scoped));
            HttpResponse<byte[]> xlsx = server.bytes("quyhoach", "/api/v1/saved-tables/" + planner + "/data?format=xlsx");
            assertEquals(List.of(100.0, 120.0, 50.0, 30.0), numbers(xlsx.body()));
            JsonNode stat = MyReportsHarness.JSON.readTree(server.bytes("quyhoach", "/api/v1/saved-tables/" + planner + "/data?format=json-stat").body());
            assertEquals("dataset", stat.get("class").asText());
            HttpResponse<String> pdf = server.send("quyhoach", "GET", "/api/v1/saved-tables/" + planner + "/data?format=pdf", null);
            assertEquals(400, pdf.statusCode());
            assertEquals("invalid parameter 'format': 'pdf' is not allowed; allowed: csv, xlsx, json-stat, sdmx-csv", MyReportsHarness.title(pdf));
            // a query the export cannot answer is the export's own 400, naming the saved query's parameter
            long bad = save(server, "quyhoach", "Tôn giáo", "cube=population_stock&dims=religion");
            HttpResponse<String> refused = server.send("quyhoach", "GET", "/api/v1/saved-tables/" + bad + "/data", null);
            assertEquals(400, refused.statusCode());
            assertTrue(MyReportsHarness.title(refused).startsWith("invalid parameter 'dims': "), refused.body());
        }
    }

    /** The population column of each data row of an export CSV (the first measure, after the code and label columns). */
    private static List<String> populations(String csv)
    {
        List<String> values = new ArrayList<>();
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).replace(BOM, "").split(","));
        int column = header.indexOf("population");
        for (String line : lines.subList(1, lines.size())) {
            values.add(line.split(",", -1)[column]);
        }
        return values;
    }

    @Test
    void eachSubscriptionIsDeliveredOncePerNewVersionAsItsSubscriberAndMailed() throws Exception
    {
        publishV1();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            MailSettings mail = new MailSettings("localhost", smtp.getSmtp().getPort(), "dancu@konray.example.vn", Optional.empty(), Optional.empty());
            long plannerTable;
            long communeTable;
            try (MyReportsHarness server = new MyReportsHarness(data, Optional.of(mail))) {
                plannerTable = save(server, "quyhoach", "Dân số theo xã", "cube=population_stock&dims=commune,sex&lang=en");
                communeTable = save(server, "xa-dakkoi", "Đăk Kôi", "cube=population_stock&dims=commune,sex&lang=en");
                assertEquals(201, server.send("quyhoach", "POST", "/api/v1/subscriptions",
                        "{\"savedTableId\": " + plannerTable + ", \"formats\": [\"csv\", \"xlsx\"], \"email\": \"quyhoach@konray.example.vn\"}").statusCode());
                assertEquals(201, server.send("xa-dakkoi", "POST", "/api/v1/subscriptions",
                        "{\"savedTableId\": " + communeTable + ", \"formats\": [\"csv\"]}").statusCode());
                // fails at v2: it has no figures for September
                assertEquals(201, server.send("quyhoach", "POST", "/api/v1/subscriptions",
                        "{\"report\": {\"kind\": \"monthly\", \"period\": \"2026-09\"}, \"formats\": [\"csv\"]}").statusCode());
                assertEquals(201, server.send("lanhdao", "POST", "/api/v1/subscriptions",
                        "{\"report\": {\"kind\": \"monthly\", \"period\": \"latest\", \"lang\": \"en\"}, \"formats\": [\"xlsx\"]}").statusCode());
                Thread.sleep(500);
                // nothing is delivered for the version current when subscribing
                assertEquals(0, MyReportsHarness.json(server.send("admin", "GET", "/api/v1/deliveries", null)).get("deliveries").size());
                assertEquals(4, MyReportsHarness.json(server.send("admin", "GET", "/api/v1/admin/subscriptions", null)).get("subscriptions").size());
                assertEquals(403, server.send("quyhoach", "GET", "/api/v1/admin/subscriptions", null).statusCode());

                publishV2();
                JsonNode all = waitForDeliveries(server, 4);
                Map<String, JsonNode> byOwnerTitle = new java.util.TreeMap<>();
                all.forEach(delivery -> byOwnerTitle.put(delivery.get("owner").asText() + " " + delivery.get("title").asText(), delivery));
                assertEquals(List.of("lanhdao Monthly population report (latest period) — 2026-11", "quyhoach Báo cáo dân số tháng (2026-09)",
                        "quyhoach Dân số theo xã", "xa-dakkoi Đăk Kôi"), List.copyOf(byOwnerTitle.keySet()));
                for (JsonNode delivery : all) {
                    assertEquals("v2", delivery.get("version").asText());
                }
                JsonNode failed = byOwnerTitle.get("quyhoach Báo cáo dân số tháng (2026-09)");
                assertEquals("failed", failed.get("outcome").asText());
                assertEquals("invalid parameter 'period': no population figures for 2026-09 (2026-09-30); reports can be made for month ends from 2026-10-31 to 2026-11-30",
                        failed.get("reason").asText());
                assertEquals(0, failed.get("files").size());

                JsonNode planner = byOwnerTitle.get("quyhoach Dân số theo xã");
                assertEquals("delivered", planner.get("outcome").asText());
                assertEquals("sent", planner.get("mail").get("status").asText());
                assertEquals(List.of("population_stock_2026-11-30.csv", "population_stock_2026-11-30.xlsx"), names(planner));
                HttpResponse<byte[]> plannerCsv = server.bytes("quyhoach", planner.get("files").get(0).get("url").asText());
                assertEquals(200, plannerCsv.statusCode());
                assertEquals(List.of("102", "121", "51", "31"), populations(new String(plannerCsv.body(), StandardCharsets.UTF_8)));
                HttpResponse<byte[]> plannerXlsx = server.bytes("quyhoach", planner.get("files").get(1).get("url").asText());
                assertEquals(List.of(102.0, 121.0, 51.0, 31.0), numbers(plannerXlsx.body()));

                JsonNode commune = byOwnerTitle.get("xa-dakkoi Đăk Kôi");
                assertEquals("none", commune.get("mail").get("status").asText());
                HttpResponse<byte[]> communeCsv = server.bytes("xa-dakkoi", commune.get("files").get(0).get("url").asText());
                assertEquals(List.of("51", "31"), populations(new String(communeCsv.body(), StandardCharsets.UTF_8)));
                // files are owner-only on disk, and another account's delivery answers 404
                Path file = data.resolve("server/deliveries/xa-dakkoi/" + commune.get("id").asText() + "/population_stock_2026-11-30.csv");
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("server/deliveries/xa-dakkoi"))));
                for (String other : List.of("quyhoach", "lanhdao", "thongke")) {
                    assertEquals(404, server.bytes(other, commune.get("files").get(0).get("url").asText()).statusCode());
                }
                assertEquals(200, server.bytes("admin", commune.get("files").get(0).get("url").asText()).statusCode());
                HttpResponse<String> docx = server.send("xa-dakkoi", "GET", "/api/v1/deliveries/" + commune.get("id").asText() + "/file?format=docx", null);
                assertEquals(400, docx.statusCode());
                assertEquals("invalid parameter 'format': 'docx' is not allowed; allowed: csv, xlsx, json-stat, sdmx-csv, pdf", MyReportsHarness.title(docx));
                HttpResponse<String> pdf = server.send("xa-dakkoi", "GET", "/api/v1/deliveries/" + commune.get("id").asText() + "/file?format=pdf", null);
                assertEquals(400, pdf.statusCode());
                assertEquals("invalid parameter 'format': 'pdf' is not a format of delivery " + commune.get("id").asText() + "; allowed: csv",
                        MyReportsHarness.title(pdf));
                List<String> own = new ArrayList<>();
                MyReportsHarness.json(server.send("xa-dakkoi", "GET", "/api/v1/deliveries", null)).get("deliveries")
                        .forEach(delivery -> own.add(delivery.get("title").asText()));
                assertEquals(List.of("Đăk Kôi"), own);

                JsonNode report = byOwnerTitle.get("lanhdao Monthly population report (latest period) — 2026-11");
                assertEquals(List.of("dancu-report-monthly-2026-11-2025.xlsx"), names(report));
                try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(server.bytes("lanhdao", report.get("files").get(0).get("url").asText()).body()))) {
                    Sheet contents = workbook.getSheetAt(0);
                    assertTrue(contents.getRow(0).getCell(0).getStringCellValue().contains("November 2026"), contents.getRow(0).getCell(0).getStringCellValue());
                }

                // the e-mail, as the SMTP server received it
                assertTrue(smtp.waitForIncomingEmail(5000, 1));
                MimeMessage[] messages = smtp.getReceivedMessages();
                assertEquals(1, messages.length);
                MimeMessage message = messages[0];
                assertEquals("dancu: Dân số theo xã (v2)", message.getSubject());
                assertEquals("quyhoach@konray.example.vn", message.getAllRecipients()[0].toString());
                assertEquals("dancu@konray.example.vn", message.getFrom()[0].toString());
                Multipart parts = (Multipart) message.getContent();
                assertEquals(3, parts.getCount());
                BodyPart csvPart = parts.getBodyPart(1);
                assertEquals("population_stock_2026-11-30.csv", csvPart.getFileName());
                try (InputStream in = csvPart.getInputStream()) {
                    assertEquals(List.of("102", "121", "51", "31"), populations(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
                BodyPart xlsxPart = parts.getBodyPart(2);
                assertEquals("population_stock_2026-11-30.xlsx", xlsxPart.getFileName());
                try (InputStream in = xlsxPart.getInputStream()) {
                    assertEquals(List.of(102.0, 121.0, 51.0, 31.0), numbers(in.readAllBytes()));
                }
                Thread.sleep(500);
                assertEquals(4, MyReportsHarness.json(server.send("admin", "GET", "/api/v1/deliveries", null)).get("deliveries").size());
            }
            // a restart delivers nothing again
            try (MyReportsHarness server = new MyReportsHarness(data, Optional.of(mail))) {
                Thread.sleep(1000);
                assertEquals(4, MyReportsHarness.json(server.send("admin", "GET", "/api/v1/deliveries", null)).get("deliveries").size());
                assertEquals(1, smtp.getReceivedMessages().length);
            }
            // every delivery is in the audit log, as its subscriber
            try (AuditLog audit = new AuditLog(data.resolve("server"))) {
                List<AuditEntry> deliveries = audit.read(1, 1000, entry -> AuditEntry.DELIVERY.equals(entry.kind()));
                List<String> lines = new ArrayList<>();
                for (AuditEntry entry : deliveries) {
                    lines.add(entry.user() + " " + entry.role() + " " + entry.scope() + " " + entry.via() + " " + entry.outcome() + " " + entry.version());
                }
                java.util.Collections.sort(lines);
                assertEquals(List.of("lanhdao leader [] subscription delivered v2", "quyhoach planner [] subscription delivered v2",
                        "quyhoach planner [] subscription failed v2", "xa-dakkoi leader [23485] subscription delivered v2"), lines);
                assertTrue(audit.verify(true).intact());
            }
        }
        finally {
            smtp.stop();
        }
    }

    @Test
    void aMailThatFailsIsRecordedAndTheFilesStayListed() throws Exception
    {
        publishV1();
        // nothing listens on this port
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        MailSettings mail = new MailSettings("localhost", closed, "dancu@konray.example.vn", Optional.empty(), Optional.empty());
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.of(mail))) {
            long table = save(server, "thongke", "Tổng", "cube=population_stock");
            assertEquals(201, server.send("thongke", "POST", "/api/v1/subscriptions",
                    "{\"savedTableId\": " + table + ", \"formats\": [\"csv\"], \"email\": \"thongke@konray.example.vn\"}").statusCode());
            publishV2();
            JsonNode delivery = waitForDeliveries(server, 1).get(0);
            assertEquals("delivered", delivery.get("outcome").asText());
            assertEquals("failed", delivery.get("mail").get("status").asText());
            assertTrue(delivery.get("mail").get("error").asText().startsWith("the SMTP server localhost:" + closed + " did not take the message: "),
                    delivery.toString());
            assertEquals(200, server.bytes("thongke", delivery.get("files").get(0).get("url").asText()).statusCode());
        }
    }

    /** The numeric cells of an export workbook's first sheet, row by row (the measure values). */
    private static List<Double> numbers(byte[] xlsx) throws java.io.IOException
    {
        List<Double> numbers = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (org.apache.poi.ss.usermodel.Row row : workbook.getSheetAt(0)) {
                for (org.apache.poi.ss.usermodel.Cell cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC) {
                        numbers.add(cell.getNumericCellValue());
                    }
                }
            }
        }
        return numbers;
    }

    @Test
    void aDisabledAccountsSubscriptionFailsWithItsReasonAndTheOthersAreDelivered() throws Exception
    {
        publishV1();
        try (MyReportsHarness server = new MyReportsHarness(data, Optional.empty())) {
            long lanhdao = save(server, "lanhdao", "Tổng", "cube=population_stock");
            long thongke = save(server, "thongke", "Tổng", "cube=population_stock&dims=sex");
            for (String[] subscription : new String[][] {{"lanhdao", Long.toString(lanhdao)}, {"thongke", Long.toString(thongke)}}) {
                assertEquals(201, server.send(subscription[0], "POST", "/api/v1/subscriptions",
                        "{\"savedTableId\": " + subscription[1] + ", \"formats\": [\"csv\"]}").statusCode());
            }
            vn.dancu.api.access.Account account = server.accounts.find("thongke").orElseThrow();
            server.accounts.update("thongke", account.displayName(), account.role(), account.scope(), true);
            publishV2();
            JsonNode deliveries = waitForDeliveries(server, 2);
            Map<String, JsonNode> byOwner = new java.util.TreeMap<>();
            deliveries.forEach(delivery -> byOwner.put(delivery.get("owner").asText(), delivery));
            assertEquals("delivered", byOwner.get("lanhdao").get("outcome").asText());
            assertEquals("failed", byOwner.get("thongke").get("outcome").asText());
            assertEquals("the account thongke is disabled or deleted: nothing is generated for it", byOwner.get("thongke").get("reason").asText());
            assertEquals(0, byOwner.get("thongke").get("files").size());
            HttpResponse<String> file = server.send("admin", "GET", "/api/v1/deliveries/" + byOwner.get("thongke").get("id").asText() + "/file", null);
            assertEquals(404, file.statusCode());
            assertEquals("a file of delivery " + byOwner.get("thongke").get("id").asText()
                    + " (it failed: the account thongke is disabled or deleted: nothing is generated for it) not found", MyReportsHarness.title(file));
            // another account cannot delete a subscription; an admin deletes anyone's, and its deliveries stay listed
            long subscription = byOwner.get("thongke").get("subscriptionId").asLong();
            HttpResponse<String> other = server.send("lanhdao", "DELETE", "/api/v1/subscriptions/" + subscription, null);
            assertEquals(404, other.statusCode());
            assertEquals("subscription " + subscription + " not found", MyReportsHarness.title(other));
            assertEquals(2, MyReportsHarness.json(server.send("admin", "GET", "/api/v1/admin/subscriptions", null)).get("subscriptions").size());
            assertEquals(204, server.send("admin", "DELETE", "/api/v1/subscriptions/" + subscription, null).statusCode());
            JsonNode left = MyReportsHarness.json(server.send("admin", "GET", "/api/v1/admin/subscriptions", null)).get("subscriptions");
            assertEquals(1, left.size());
            assertEquals("lanhdao", left.get(0).get("owner").asText());
            assertEquals(2, MyReportsHarness.json(server.send("admin", "GET", "/api/v1/deliveries", null)).get("deliveries").size());
        }
    }

    private static List<String> names(JsonNode delivery)
    {
        List<String> names = new ArrayList<>();
        delivery.get("files").forEach(file -> names.add(file.get("name").asText()));
        return names;
    }

    private static JsonNode waitForDeliveries(MyReportsHarness server, int count) throws InterruptedException
    {
        long deadline = System.nanoTime() + 20_000_000_000L;
        JsonNode deliveries;
        do {
            Thread.sleep(100);
            deliveries = MyReportsHarness.json(server.send("admin", "GET", "/api/v1/deliveries", null)).get("deliveries");
        }
        while ((deliveries.size() < count || deliveries.toString().contains("\"status\":\"sending\"")) && System.nanoTime() < deadline);
        assertEquals(count, deliveries.size(), deliveries.toString());
        return deliveries;
    }
}
