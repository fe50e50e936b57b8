// The check-in page's camera: decode a QR code and submit it through the page's own form.
// The browser's BarcodeDetector where present, else the vendored jsQR on canvas frames.
// Without a camera (or JavaScript) the code field and the search by name still work.
(function () {
  "use strict";
  var start = document.getElementById("scan-start");
  var form = document.getElementById("code-form");
  if (!start || !form || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var scanner = document.getElementById("scanner");
  var video = document.getElementById("scanner-video");
  var status = document.getElementById("scanner-status");
  var stop = document.getElementById("scan-stop");
  var field = document.getElementById("code");
  var canvas = document.createElement("canvas");
  var context = canvas.getContext("2d", { willReadFrequently: true });
  var detector = null;
  var stream = null;
  var busy = false;
  if ("BarcodeDetector" in window) {
    try { detector = new window.BarcodeDetector({ formats: ["qr_code"] }); } catch (e) { detector = null; }
  }
  start.hidden = false;

  function finish() {
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    scanner.hidden = true;
    start.hidden = false;
  }

  function found(code) {
    finish();
    field.value = code;
    form.submit();
  }

  function withJsQR() {
    if (!window.jsQR || !video.videoWidth) { return null; }
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var result = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
    return result ? result.data : null;
  }

  function tick() {
    if (!stream) { return; }
    if (busy || video.readyState < 2) { window.requestAnimationFrame(tick); return; }
    if (detector) {
      busy = true;
      detector.detect(video).then(function (codes) {
        busy = false;
        if (codes.length) { found(codes[0].rawValue); } else { window.requestAnimationFrame(tick); }
      }, function () { busy = false; detector = null; window.requestAnimationFrame(tick); });
      return;
    }
    var code = withJsQR();
    if (code) { found(code); } else { window.requestAnimationFrame(tick); }
  }

  start.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      scanner.hidden = false;
      start.hidden = true;
      video.play();
      window.requestAnimationFrame(tick);
    }, function () {
      scanner.hidden = false;
      status.textContent = status.getAttribute("data-no-camera");
      video.hidden = true;
    });
  });
  stop.addEventListener("click", finish);
})();
